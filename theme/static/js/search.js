/* Search with Pagefind's index of the site (built with it, served from it): results as
   the reader types, and for ?q= in the address (the form without JavaScript sends that,
   and the search box in the header too). Pagefind runs WebAssembly, which the server
   allows on this page only. */
(function () {
  "use strict";
  var script = document.currentScript;
  var input = document.getElementById("zoekterm");
  var status = document.getElementById("zoekstatus");
  var list = document.getElementById("zoekresultaten");
  if (!input || !window.fetch) return;
  document.querySelector(".search-note").hidden = true;
  var bundle = new URL(script.dataset.pagefind, document.baseURI).href;
  var pagefind = null;
  var latest = 0;

  function load() {
    pagefind = pagefind || import(bundle).then(function (module) {
      return module.init().then(function () { return module; });
    });
    return pagefind;
  }

  function show(query, results) {
    list.textContent = "";
    status.textContent = query
      ? results.length + (results.length === 1 ? " resultaat" : " resultaten") + " voor ‘" + query + "’"
      : "";
    results.forEach(function (result) {
      var item = document.createElement("li");
      var link = document.createElement("a");
      link.href = result.url;
      link.textContent = result.meta.title || result.url;
      var excerpt = document.createElement("p");
      /* Pagefind's excerpt is text from our own pages with <mark> around the words found. */
      excerpt.innerHTML = result.excerpt;
      item.appendChild(link);
      item.appendChild(excerpt);
      list.appendChild(item);
    });
  }

  function search() {
    var query = input.value.trim();
    var mine = ++latest;
    if (!query) return show("", []);
    load()
      .then(function (module) { return module.debouncedSearch(query, {}, 80); })
      .then(function (found) {
        if (!found || mine !== latest) return null; /* a newer search replaced this one */
        return Promise.all(found.results.slice(0, 20).map(function (r) { return r.data(); }));
      })
      .then(function (results) { if (results) show(query, results); })
      .catch(function () { status.textContent = "Zoeken lukt nu niet. Probeer het later opnieuw."; });
  }

  input.addEventListener("input", search);
  input.form.addEventListener("submit", function (event) {
    event.preventDefault();
    search();
  });
  var asked = new URLSearchParams(location.search).get("q");
  if (asked) {
    input.value = asked;
    search();
  }
})();
