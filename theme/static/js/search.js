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

  /* Pagefind's first search of a visit is its slowest: it sets itself up, and its
     WebAssembly and scripts have not yet handled a list of results (on the 1,000-article
     benchmark 100-130 ms, later ones 40-60). A search without words lists every page and
     loads none of the index: a few of them as the page opens (in Pagefind's worker, some
     40 ms on that site) take 30-40 ms off the reader's first search. */
  var WARM_UPS = 5;

  function warmUp(module) {
    var done = Promise.resolve();
    for (var i = 0; i < WARM_UPS; i++) {
      done = done.then(function () { return module.search(null); }); /* one at a time */
    }
    return done.catch(function () {}); /* a failed warm-up only makes the first search slower */
  }

  function load() {
    pagefind = pagefind || import(bundle).then(function (module) {
      return module.init()
        .then(function () { return warmUp(module); })
        .then(function () { return module; });
    });
    return pagefind;
  }

  /* Results are listed five at a time, as Pagefind's own interface does: each costs a
     small request for its excerpt, and a phone shows about five. */
  var STEP = 5;
  var more = document.getElementById("zoekmeer");
  var current = null; /* {query, found, shown, mine} of the search on screen */

  function describe() {
    var total = current.found.results.length;
    status.textContent = total + (total === 1 ? " resultaat" : " resultaten") + " voor ‘" + current.query + "’" +
      (total > current.shown ? "; de eerste " + current.shown + " staan hieronder" : "");
    more.hidden = total <= current.shown;
  }

  /* The next results fill in by relevance as each excerpt arrives, so the best shows as
     soon as it is there, not when the last one is. Asked for by the button, the first new
     result takes the focus (the button may be gone: nothing more to show). */
  function showMore(event) {
    var from = current.shown;
    var focus = Boolean(event);
    var mine = current.mine;
    current.shown = Math.min(from + STEP, current.found.results.length);
    describe();
    var items = current.found.results.slice(from, current.shown).map(function (result, index) {
      var rank = from + index;
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
        if (focus && rank === from) link.focus();
      });
    });
    return Promise.all(items);
  }

  function show(query, found, mine) {
    list.textContent = "";
    current = {query: query, found: found, shown: 0, mine: mine};
    return showMore(null);
  }

  function failed() {
    status.textContent = "Zoeken lukt nu niet. Probeer het later opnieuw.";
  }

  /* Pagefind searches one query at a time: while it is busy, only the newest text waits,
     and results the reader has typed past are never shown (their excerpts never fetched). */
  var running = false;
  var again = false;

  function search() {
    if (running) { again = true; return; }
    var query = input.value.trim();
    var mine = ++latest;
    if (!query) {
      list.textContent = "";
      status.textContent = "";
      more.hidden = true;
      return;
    }
    running = true;
    load()
      .then(function (module) { return module.search(query); })
      .then(function (found) {
        running = false;
        if (again) { again = false; search(); return null; }
        if (input.value.trim() !== query) return null; /* a short text waits for a pause */
        return show(query, found, mine);
      }, function (error) {
        running = false; /* only this search's own failure frees Pagefind for the next */
        throw error;
      })
      .catch(failed); /* Pagefind, its index or an excerpt could not be loaded */
  }

  /* Results follow the typing from the third letter on. One or two letters match half the
     site and would fetch index and excerpts the next letter makes useless, so those are
     searched only when the reader pauses (Pagefind's own interface waits 300 ms always). */
  var SHORT = 3;
  var PAUSE = 300;
  var waiting = null;

  function typed() {
    clearTimeout(waiting);
    var length = input.value.trim().length;
    if (length === 0 || length >= SHORT) search();
    else waiting = setTimeout(search, PAUSE);
  }

  /* The search page is for searching: Pagefind starts at once, so typing finds it ready. */
  load();
  input.addEventListener("input", typed);
  more.addEventListener("click", function (event) { showMore(event).catch(failed); });
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
