/* The comment form, where JavaScript runs: the form asks the comment service for a signed
   token when the reader starts writing (the service then counts the comment as verified),
   and "Beantwoorden" fills in the form on the page instead of opening a page of its own.
   Without this script the form works as plain HTML, its comments marked unverified. */
(function () {
  "use strict";
  var form = document.querySelector("form.comment-form");
  if (!form || !window.fetch) return;
  var asked = false;

  function askToken() {
    if (asked) return;
    asked = true;
    var url = form.getAttribute("action") + "token?artikel=" + encodeURIComponent(form.dataset.article);
    fetch(url, { credentials: "same-origin", cache: "no-store" })
      .then(function (response) { return response.ok ? response.json() : null; })
      .then(function (answer) {
        if (answer && answer.token) form.elements.token.value = answer.token;
      })
      .catch(function () { asked = false; }); /* offline: the form still works, unverified */
  }

  form.addEventListener("focusin", askToken);
  form.addEventListener("input", askToken);

  document.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest("a.comment-reply-link");
    if (!link) return;
    event.preventDefault();
    form.elements.antwoord.value = link.dataset.replyTo;
    var note = form.querySelector(".comment-form-reply");
    note.querySelector(".comment-form-reply-to").textContent = link.dataset.replyLabel;
    note.hidden = false;
    form.elements.naam.focus();
    form.scrollIntoView({ block: "start" });
  });
})();
