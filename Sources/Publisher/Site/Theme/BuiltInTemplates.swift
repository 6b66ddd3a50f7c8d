/// The built-in theme's Mustache templates. A `theme:` folder overrides any of them with a file of the
/// same name (`story.mustache`); partials (`head`, `header`, `footer`, `storyList`, `storyCard`,
/// `relatedStory`, `pager`) too.
enum BuiltInTemplates {
    static let all: [String: String] = [
        "head": head, "header": header, "footer": footer, "storyList": storyList, "storyCard": storyCard, "relatedStory": relatedStory,
        "pager": pager, "list": list, "story": story, "archive": archive, "search": search, "notFound": notFound,
    ]

    /// The page templates (the others are partials).
    static let pages: Set<String> = ["list", "story", "archive", "search", "notFound"]

    static let head = #"""
        <!DOCTYPE html>
        <html lang="{{lang}}" data-root="{{root}}">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>{{documentTitle}}</title>
        {{#description}}<meta name="description" content="{{description}}">
        {{/description}}{{#canonical}}<link rel="canonical" href="{{canonical}}">
        {{/canonical}}<link rel="stylesheet" href="{{root}}assets/site.css">
        {{#stylesheets}}<link rel="stylesheet" href="{{href}}">
        {{/stylesheets}}{{#alternates}}<link rel="alternate" type="{{type}}" title="{{title}}" href="{{href}}">
        {{/alternates}}{{#og}}<meta property="og:type" content="article">
        <meta property="og:title" content="{{title}}">
        <meta property="og:url" content="{{url}}">
        <meta property="og:site_name" content="{{siteName}}">
        <meta property="og:description" content="{{description}}">
        {{#image}}<meta property="og:image" content="{{image}}">
        {{/image}}<meta property="article:published_time" content="{{published}}">
        {{/og}}{{{jsonLD}}}
        </head>
        """#

    static let header = #"""
        <body>
        <a class="skip-link" href="#main">{{labels.skip}}</a>
        <header class="site-header">
        <a class="site-title" href="{{root}}index.html">{{siteTitle}}</a>
        <nav class="site-nav" aria-label="{{labels.navigation}}">
        <a href="{{root}}index.html">{{labels.home}}</a>
        <a href="{{root}}archive/index.html">{{labels.archive}}</a>
        <a href="{{root}}search.html">{{labels.search}}</a>
        </nav>
        </header>
        <main id="main" tabindex="-1">
        """#

    static let footer = #"""
        </main>
        <footer class="site-footer">
        <p>{{siteTitle}} · <a href="{{root}}feed.xml">RSS</a> · <a href="{{root}}atom.xml">Atom</a> · <a href="{{root}}feed.json">JSON Feed</a></p>
        </footer>
        </body>
        </html>

        """#

    /// The loop is the line ``SiteTheme`` swaps for the cards it rendered once (`storyCardsLoop`).
    static let storyList = #"""
        <ol class="story-list">
        \#(storyCardsLoop)</ol>
        """#

    static let storyCardsLoop = "{{#stories}}{{> storyCard}}{{/stories}}"

    /// One story in a list: reads only the story's own names (its entry), so a build renders it once
    /// for each story and link root and reuses it on every list page that shows the story.
    static let storyCard = #"""
        <li class="story-card">
        {{#image}}<img class="thumb" src="{{image}}" alt="" loading="lazy" decoding="async" referrerpolicy="no-referrer" width="120" height="90">
        {{/image}}<div class="card-text">
        <h2 class="card-title"><a href="{{href}}">{{title}}</a></h2>
        <p class="meta"><time datetime="{{datetime}}">{{displayDate}}</time> · <a href="{{sourceHref}}">{{site}}</a></p>
        <p class="summary">{{summary}}</p>
        </div>
        </li>

        """#

    /// One of a story page's related stories (of the same category): like ``storyCard``, rendered once
    /// per story and root.
    static let relatedStory = #"""
        <li><a href="{{href}}">{{title}}</a> · <time datetime="{{datetime}}">{{displayDate}}</time></li>
        """#

    static let relatedLoop = "{{#related}}{{> relatedStory}}{{/related}}"

    /// The breadcrumb links of a list or story page, rendered once per links (``SiteTheme``).
    static let breadcrumbLinksLoop = #"{{#breadcrumbs}}<a href="{{href}}">{{name}}</a> {{/breadcrumbs}}"#

    static let pager = #"""
        {{#pager}}<nav class="pager" aria-label="{{labels.pages}}">
        {{#newer}}<a rel="prev" href="{{newer}}">{{labels.newer}}</a>{{/newer}}
        <span class="page-number">{{position}}</span>
        {{#older}}<a rel="next" href="{{older}}">{{labels.older}}</a>{{/older}}
        </nav>
        {{/pager}}
        """#

    static let list = #"""
        {{> head}}
        {{> header}}
        {{#hasBreadcrumbs}}<nav class="breadcrumbs" aria-label="{{labels.breadcrumbs}}">\#(breadcrumbLinksLoop)</nav>
        {{/hasBreadcrumbs}}<h1>{{heading}}</h1>
        {{^stories}}<p>{{labels.empty}}</p>{{/stories}}
        {{> storyList}}
        {{> pager}}
        {{> footer}}
        """#

    static let story = #"""
        {{> head}}
        {{> header}}
        <article class="story">
        <nav class="breadcrumbs" aria-label="{{labels.breadcrumbs}}">\#(breadcrumbLinksLoop)</nav>
        <h1>{{title}}</h1>
        <p class="meta"><time datetime="{{datetime}}">{{displayDate}}</time> · {{labels.source}} <a href="{{sourceHref}}">{{site}}</a>{{#author}} · {{labels.author}} {{author}}{{/author}}{{#link}} · <a class="original" href="{{link}}" rel="noopener noreferrer nofollow">{{labels.original}}</a>{{/link}}</p>
        <div class="body">
        {{{body}}}
        </div>
        </article>
        {{#hasRelated}}<aside class="related" aria-labelledby="related-heading">
        <h2 id="related-heading">{{labels.related}}</h2>
        {{#hasCopies}}<h3>{{labels.otherOutlets}}</h3>
        <ul>{{#copies}}<li>{{#link}}<a href="{{link}}" rel="noopener noreferrer nofollow">{{title}}</a>{{/link}}{{^link}}{{title}}{{/link}} · {{site}}</li>{{/copies}}</ul>
        {{/hasCopies}}{{#hasSameCategory}}<h3>{{labels.sameCategory}}</h3>
        <ul>\#(relatedLoop)</ul>
        {{/hasSameCategory}}</aside>
        {{/hasRelated}}
        {{> footer}}
        """#

    static let archive = #"""
        {{> head}}
        {{> header}}
        <h1>{{heading}}</h1>
        <ul class="archive">{{#months}}<li><a href="{{href}}">{{name}}</a> ({{count}})</li>{{/months}}</ul>
        <h2>{{labels.categories}}</h2>
        <ul class="archive">{{#categories}}<li><a href="{{href}}">{{name}}</a> ({{count}})</li>{{/categories}}</ul>
        {{#hasTopics}}<h2>{{labels.topics}}</h2>
        <ul class="archive">{{#topics}}<li><a href="{{href}}">{{name}}</a> ({{count}})</li>{{/topics}}</ul>{{/hasTopics}}
        {{> footer}}
        """#

    static let search = #"""
        {{> head}}
        {{> header}}
        <h1>{{heading}}</h1>
        <form id="search-form" action="search.html" role="search">
        <label for="search-q">{{labels.search}}</label>
        <input id="search-q" name="q" type="search" autocomplete="off">
        <button type="submit">{{labels.search}}</button>
        </form>
        <div id="search-results" aria-live="polite"></div>
        <script src="{{root}}assets/search.js" defer></script>
        {{> footer}}
        """#

    static let notFound = #"""
        {{> head}}
        {{> header}}
        <h1>{{heading}}</h1>
        <p>{{labels.notFoundText}}</p>
        <p><a href="{{root}}index.html">{{labels.home}}</a> · <a href="{{root}}search.html">{{labels.search}}</a></p>
        {{> footer}}
        """#
}
