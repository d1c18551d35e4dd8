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

  var SHOWN = 10; /* results listed; each costs a small request for its excerpt */

  /* The list fills in the order of relevance as each result's excerpt arrives, so the
     best result shows as soon as it is there, not when the tenth is. */
  function show(query, found, mine) {
    list.textContent = "";
    var total = found.results.length;
    status.textContent = total + (total === 1 ? " resultaat" : " resultaten") + " voor ‘" + query + "’" +
      (total > SHOWN ? "; de eerste " + SHOWN + " staan hieronder" : "");
    var items = found.results.slice(0, SHOWN).map(function (result, rank) {
      return result.data().then(function (data) {
        if (mine !== latest) return;
        var item = document.createElement("li");
        item.dataset.rank = rank;
        var link = document.createElement("a");
        link.href = data.url;
        link.textContent = data.meta.title || data.url;
        var excerpt = document.createElement("p");
        /* Pagefind's excerpt is text from our own pages with <mark> around the words found. */
        excerpt.innerHTML = data.excerpt;
        item.appendChild(link);
        item.appendChild(excerpt);
        var after = Array.prototype.find.call(list.children, function (other) {
          return Number(other.dataset.rank) > rank;
        });
        list.insertBefore(item, after || null);
      });
    });
    return Promise.all(items);
  }

  function search() {
    var query = input.value.trim();
    var mine = ++latest;
    if (!query) {
      list.textContent = "";
      status.textContent = "";
      return;
    }
    load()
      .then(function (module) { return module.search(query); })
      .then(function (found) {
        if (mine !== latest) return null; /* a newer search replaced this one */
        return show(query, found, mine);
      })
      .catch(function () { status.textContent = "Zoeken lukt nu niet. Probeer het later opnieuw."; });
  }

  /* The search page is for searching: Pagefind starts at once, so typing finds it ready. */
  load();
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
