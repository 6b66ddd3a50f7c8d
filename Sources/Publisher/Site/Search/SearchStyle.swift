/// `assets/search.css`: the search form and results, light and dark, in the site's own fonts.
enum SearchStyle {
    static let source = """
        #search-form { display: flex; gap: .5rem; margin: 1rem 0; }
        #search-q { flex: 1; min-width: 0; font: inherit; padding: .5rem .75rem; border: 1px solid #8888; border-radius: 6px;
          background: transparent; color: inherit; }
        #search-q:focus-visible, .search-more:focus-visible, .search-result a:focus-visible { outline: 2px solid #2a6df4; outline-offset: 2px; }
        .search-status { color: #666; margin: .5rem 0 1rem; }
        .search-list { list-style: none; padding: 0; margin: 0; }
        .search-result { margin: 0 0 1.25rem; }
        .search-result h2 { font-size: 1.1rem; line-height: 1.5; margin: 0 0 .25rem; }
        .search-meta { font-size: .875rem; color: #666; margin: 0 0 .25rem; }
        .search-snippet { line-height: 1.8; margin: 0; overflow-wrap: anywhere; }
        .search-result mark { background: #ffe58a; color: inherit; padding: 0 .1em; border-radius: 2px; }
        .search-more { font: inherit; padding: .4rem 1rem; border: 1px solid #8888; border-radius: 6px; background: transparent;
          color: inherit; cursor: pointer; }
        @media (prefers-color-scheme: dark) {
          .search-status, .search-meta { color: #aaa; }
          .search-result mark { background: #6b5a12; }
        }

        """
}
