/// The words of the built-in theme, in Chinese for a Chinese site and in English otherwise
/// (templates read them as `{{labels.older}}`).
enum SiteLabels {
    static func labels(chinese: Bool) -> [String: String] {
        chinese ? zh : en
    }

    static let zh: [String: String] = [
        "skip": "跳到正文", "navigation": "站点导航", "home": "首页", "archive": "归档", "search": "搜索",
        "pages": "分页", "newer": "← 较新", "older": "较早 →", "breadcrumbs": "位置", "empty": "暂无文章。",
        "source": "来源", "author": "作者", "original": "阅读原文", "related": "相关报道", "otherOutlets": "其他媒体的同一报道",
        "sameCategory": "同类文章", "categories": "分类", "topics": "专题", "notFound": "页面不存在", "notFoundText": "您要找的页面不存在或已被删除。",
        "months": "按月归档", "latest": "最新文章", "page": "第 {n} 页",
    ]

    static let en: [String: String] = [
        "skip": "Skip to content", "navigation": "Site", "home": "Home", "archive": "Archive", "search": "Search",
        "pages": "Pages", "newer": "← Newer", "older": "Older →", "breadcrumbs": "You are here", "empty": "No stories yet.",
        "source": "Source", "author": "Author", "original": "Original article", "related": "Related",
        "otherOutlets": "The same story elsewhere", "sameCategory": "More in this category", "categories": "Categories", "topics": "Topics",
        "notFound": "Page not found", "notFoundText": "The page you are looking for does not exist or was removed.",
        "months": "Monthly archives", "latest": "Latest stories", "page": "Page {n}",
    ]
}
