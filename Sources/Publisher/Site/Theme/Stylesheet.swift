/// The built-in theme's stylesheet (`assets/site.css`; a theme's `site.css` replaces it): readable
/// Chinese text, light and dark, visible focus, one column on a phone.
enum Stylesheet {
    static let css = #"""
        :root {
          --bg: #fdfdfb; --fg: #1d1d1f; --muted: #5f6368; --accent: #0b57d0; --line: #e3e3e0; --card: #ffffff;
          --mark: #fff3b0;
          color-scheme: light dark;
        }
        @media (prefers-color-scheme: dark) {
          :root { --bg: #121314; --fg: #e8e8e6; --muted: #a0a4a8; --accent: #8ab4f8; --line: #2c2e30; --card: #1b1c1e;
            --mark: #5c4d00; }
        }
        *, *::before, *::after { box-sizing: border-box; }
        html { -webkit-text-size-adjust: 100%; text-size-adjust: 100%; }
        body {
          margin: 0; background: var(--bg); color: var(--fg);
          font-family: -apple-system, BlinkMacSystemFont, "PingFang SC", "Hiragino Sans GB", "Noto Sans CJK SC",
            "Noto Sans SC", "Source Han Sans SC", "Microsoft YaHei", "WenQuanYi Micro Hei", sans-serif;
          font-size: 17px; line-height: 1.8; letter-spacing: 0.01em; word-wrap: break-word; overflow-wrap: anywhere;
        }
        a { color: var(--accent); text-underline-offset: 0.2em; }
        a:focus-visible, button:focus-visible, input:focus-visible, main:focus-visible {
          outline: 3px solid var(--accent); outline-offset: 2px; border-radius: 2px;
        }
        .skip-link { position: absolute; left: -999px; top: 0; padding: 0.5em 1em; background: var(--card); z-index: 10; }
        .skip-link:focus { left: 0.5em; top: 0.5em; }
        .site-header, main, .site-footer { max-width: 46rem; margin: 0 auto; padding: 0 1rem; }
        .site-header { display: flex; flex-wrap: wrap; align-items: baseline; justify-content: space-between; gap: 0.5rem 1rem;
          padding-top: 1rem; padding-bottom: 0.75rem; border-bottom: 1px solid var(--line); }
        .site-title { font-size: 1.35rem; font-weight: 700; color: var(--fg); text-decoration: none; }
        .site-nav a { margin-right: 1rem; }
        h1 { font-size: 1.6rem; line-height: 1.4; margin: 1.25rem 0 0.75rem; }
        h2 { font-size: 1.15rem; line-height: 1.5; }
        .meta, .breadcrumbs, .page-number { color: var(--muted); font-size: 0.9rem; }
        .breadcrumbs a { margin-right: 0.5rem; }
        .story-list { list-style: none; padding: 0; margin: 0; }
        .story-card { display: flex; gap: 1rem; padding: 1rem 0; border-bottom: 1px solid var(--line); }
        .card-text { min-width: 0; }
        .card-title { margin: 0 0 0.25rem; }
        .card-title a { color: var(--fg); text-decoration: none; }
        .card-title a:hover, .card-title a:focus-visible { color: var(--accent); text-decoration: underline; }
        .thumb { flex: none; width: 120px; height: 90px; object-fit: cover; border-radius: 4px; background: var(--line); }
        .summary { margin: 0.25rem 0 0; color: var(--muted); font-size: 0.95rem; }
        .story .body { font-size: 1.06rem; line-height: 1.9; text-align: justify; }
        .story .body p { margin: 0 0 1.1em; }
        .story .body img, .story .body video, .story .body iframe { max-width: 100%; height: auto; }
        .story .body table { display: block; max-width: 100%; overflow-x: auto; }
        .story .body pre { overflow-x: auto; white-space: pre-wrap; }
        .related { border-top: 1px solid var(--line); margin-top: 2rem; }
        .pager { display: flex; gap: 1.5rem; align-items: baseline; margin: 1.5rem 0; }
        .archive { columns: 2; }
        #search-form { display: flex; flex-wrap: wrap; gap: 0.5rem; align-items: center; }
        #search-form input { flex: 1 1 14rem; font: inherit; padding: 0.4rem 0.6rem; border: 1px solid var(--line);
          background: var(--card); color: var(--fg); border-radius: 4px; }
        #search-form button { font: inherit; padding: 0.4rem 1rem; }
        #search-results mark { background: var(--mark); color: inherit; }
        .site-footer { border-top: 1px solid var(--line); margin-top: 2rem; color: var(--muted); font-size: 0.9rem; }
        @media (max-width: 600px) {
          body { font-size: 16px; }
          .thumb { width: 84px; height: 63px; }
          h1 { font-size: 1.35rem; }
          .archive { columns: 1; }
        }

        """#
}
