/// Pages the tests serve from ``TestHTTPServer``.
public enum FixturePages {
    /// An article in `#story` (with a promo block and a source line inside it) next to a longer,
    /// neutrally classed column the generic scorer would take: only a site rule finds the story.
    public static let storyBesideDecoyColumn = """
        <html><head><title>新规出台</title></head><body>
        <div class="column-left"><p>热门文章：这一段很长很长，有逗号，有句号，也有很多很多的字，用来吸引通用提取器的注意力，但它不是正文。</p>
        <p>另一段侧栏文字，同样很长，同样有标点，同样不是文章的内容，只是为了让侧栏看起来像正文一样重要。</p></div>
        <div id="story"><p>监管部门今日发布新规，要求平台在十个工作日内完成自查。</p>
        <div class="promo">下载客户端，看更多新闻</div><p>本文来源：某某日报</p></div></body></html>
        """
}
