/* The search page: Pagefind UI with the site's strings, its filters and links to clauses.
 *
 * Every path comes from the page itself (a relative link to the home page), so search works
 * at the site root and under a sub-path such as /school/ alike. A query arrives as ?q= from
 * the search box in the header of every page, and the address keeps the current query so that
 * a search can be bookmarked or shared. Loaded by the search page only. */
(function () {
  "use strict";

  var options = JSON.parse(document.getElementById("search-options").textContent);

  if (location.protocol === "file:") {
    // Pagefind fetches its index with fetch() and import(): browsers refuse both on file://.
    document.getElementById("search-offline").hidden = false;
    return;
  }

  var home = new URL(options.root, location.href); // …/index.html of the home page
  var base = new URL(".", home); // the site root: "/" or "/school/"

  var ui = new PagefindUI({
    element: "#search",
    bundlePath: new URL("pagefind/", base).pathname,
    // One bundle per year of resolutions beside the main one: a rebuild re-indexes one year.
    mergeIndex: options.bundles.map(function (bundle) {
      return { bundlePath: new URL(bundle, base).pathname };
    }),
    baseUrl: base.pathname,
    showSubResults: true,
    showImages: false,
    translations: options.translations,
    processResult: function (result) {
      return linkClauses(result, options.clause);
    },
  });

  var query = new URLSearchParams(location.search).get("q");
  if (query) {
    ui.triggerSearch(query);
  }
  relabel(document.getElementById("search"), options.filters);
  keepQueryInAddress(document.getElementById("search"));

  /* Pagefind makes sub-results from headings only, but a clause is an <li id="clause-2-6">
   * (an official document numbers paragraphs, it does not title them). Point each sub-result
   * at the clause that holds its best match, so a result opens the page at #clause-2-6. */
  function linkClauses(result, label) {
    var clauses = (result.anchors || []).filter(function (anchor) {
      return anchor.element === "li" && anchor.id.indexOf("clause-") === 0;
    });
    if (!clauses.length || !result.sub_results) {
      return result;
    }
    var page = result.url.split("#")[0];
    result.sub_results = result.sub_results.map(function (sub) {
      var best = strongest(sub.weighted_locations || []);
      var start = sub.anchor ? sub.anchor.location : -1;
      var clause = null;
      clauses.forEach(function (anchor) {
        if (best !== null && anchor.location > start && anchor.location <= best) {
          clause = anchor;
        }
      });
      if (!clause) {
        return sub;
      }
      var number = label.replace("[NUMBER]", clause.text.trim().replace(/\.$/, ""));
      return Object.assign({}, sub, {
        url: page + "#" + clause.id,
        title: sub.anchor ? number + " · " + sub.title : number,
      });
    });
    return result;
  }

  function strongest(locations) {
    var best = null;
    locations.forEach(function (entry) {
      if (best === null || entry.balanced_score > best.balanced_score) {
        best = entry;
      }
    });
    return best === null ? null : best.location;
  }

  /* Pagefind UI shows a filter by its key ("body"): show the catalogue's name instead; and give
   * its search box an accessible name (it has a title only). */
  function relabel(root, names) {
    var apply = function () {
      root
        .querySelectorAll(".pagefind-ui__filter-name, .pagefind-ui__filter-group-label")
        .forEach(function (element) {
          var key = element.textContent.trim().toLowerCase();
          if (Object.prototype.hasOwnProperty.call(names, key)) {
            element.textContent = names[key];
          }
        });
      var input = root.querySelector(".pagefind-ui__search-input:not([aria-label])");
      if (input) {
        input.setAttribute("aria-label", options.translations.search_label);
      }
    };
    new MutationObserver(apply).observe(root, { childList: true, subtree: true });
    apply();
  }

  function keepQueryInAddress(root) {
    root.addEventListener("input", function (event) {
      if (!event.target.matches || !event.target.matches("input[type=text], input[type=search]")) {
        return;
      }
      var url = new URL(location.href);
      if (event.target.value) {
        url.searchParams.set("q", event.target.value);
      } else {
        url.searchParams.delete("q");
      }
      history.replaceState(null, "", url);
    });
  }
})();
