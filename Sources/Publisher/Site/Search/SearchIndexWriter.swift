public import Foundation
public import NewsCore

// STUB of the contract with the "site-search" helper: their branch replaces this file (same names,
// same API) with the sharded CJK index. Until then the site gets a single-file index and a small
// substring search, so that search.html works and the site's tests can exercise it.

/// One story as the search index sees it.
public struct SearchDocument: Sendable, Hashable {
    /// Site-relative URL of the story page, e.g. "2022/07/abc123.html".
    public var path: String
    public var title: String
    public var date: Date
    /// The source's display name.
    public var source: String
    /// The story's plain text (tags stripped).
    public var text: String

    public init(path: String, title: String, date: Date, source: String, text: String) {
        self.path = path
        self.title = title
        self.date = date
        self.source = source
        self.text = text
    }
}

/// Writes the search index of a site under `<root>/search/`.
public struct SearchIndexWriter: Sendable {
    public var directory: URL

    public init(directory: URL) {
        self.directory = directory
    }

    /// Writes the index for `documents`; only files whose content changed are rewritten.
    public func write(_ documents: [SearchDocument]) throws -> PublishResult {
        let entries: [[String: Any]] = documents.map {
            ["p": $0.path, "t": $0.title, "d": Int($0.date.timeIntervalSince1970), "s": $0.source, "x": $0.text]
        }
        let data = try JSONSerialization.data(withJSONObject: entries, options: [.sortedKeys, .withoutEscapingSlashes])
        let text = String(decoding: data, as: UTF8.self)
        let url = directory.appendingPathComponent("search/index.json")
        let outcome = try AtomicFileWriter.write(text, to: url, durable: false)
        return PublishResult(written: outcome == .written ? 1 : 0)
    }

    /// The static files search needs, site-relative.
    public static let assets: [(path: String, contents: String)] = [("assets/search.js", script)]

    static let script = #"""
        (function () {
          "use strict";
          var root = document.documentElement.getAttribute("data-root") || "";
          var form = document.getElementById("search-form");
          var input = document.getElementById("search-q");
          var results = document.getElementById("search-results");
          if (!form || !input || !results) return;
          var query = new URLSearchParams(location.search).get("q") || "";
          input.value = query;
          if (!query.trim()) return;
          fetch(root + "search/index.json").then(function (r) { return r.json(); }).then(function (docs) {
            var terms = query.toLowerCase().split(/\s+/).filter(Boolean);
            var hits = [];
            docs.forEach(function (doc) {
              var title = doc.t.toLowerCase(), text = doc.x.toLowerCase();
              var all = terms.every(function (t) { return title.indexOf(t) >= 0 || text.indexOf(t) >= 0; });
              if (!all) return;
              var inTitle = terms.some(function (t) { return title.indexOf(t) >= 0; });
              hits.push({ doc: doc, score: inTitle ? 1 : 0 });
            });
            hits.sort(function (a, b) { return b.score - a.score || b.doc.d - a.doc.d; });
            results.textContent = "";
            var count = document.createElement("p");
            count.textContent = hits.length + " ✓";
            results.appendChild(count);
            var list = document.createElement("ol");
            hits.slice(0, 50).forEach(function (hit) {
              var item = document.createElement("li");
              var link = document.createElement("a");
              link.href = root + hit.doc.p;
              link.textContent = hit.doc.t;
              item.appendChild(link);
              var snippet = document.createElement("p");
              var lower = hit.doc.x.toLowerCase(), at = lower.indexOf(terms[0]);
              var start = Math.max(0, at - 30), piece = hit.doc.x.substr(start, 120);
              var pos = at >= 0 ? at - start : -1;
              if (pos >= 0) {
                snippet.appendChild(document.createTextNode(piece.slice(0, pos)));
                var mark = document.createElement("mark");
                mark.textContent = piece.substr(pos, terms[0].length);
                snippet.appendChild(mark);
                snippet.appendChild(document.createTextNode(piece.slice(pos + terms[0].length)));
              } else {
                snippet.textContent = piece;
              }
              item.appendChild(snippet);
              list.appendChild(item);
            });
            results.appendChild(list);
          });
        })();

        """#
}
