import Foundation
import NewsConfig
import Publisher
import Testing

/// `format: site` outputs: required keys, optional ones, and errors that name the key and the line.
struct SiteOutputConfigTests {
    @Test func aSiteOutputGetsItsFolderAddressTitleAndOptions() throws {
        let config = try ConfigLoaderTests.load("""
            timezone: Asia/Shanghai
            outputs:
              - format: site
                dir: public
                base_url: https://news.example.org/news
                title: 数字化转型观察
                language: en
                theme: themes/mine
                page_size: 30
                images: link
            groups:
              - name: g
                sources:
                  - site: s
                    url: https://example.com/feed.xml
            """)
        guard case .site(let options) = try #require(config.outputs.first) else {
            Issue.record("not a site output")
            return
        }
        #expect(options.directory.path.hasSuffix("/public"))
        #expect(options.baseURL == "https://news.example.org/news/")
        #expect(options.title == "数字化转型观察" && options.language == "en" && options.pageSize == 30)
        #expect(options.theme?.path.hasSuffix("/themes/mine") == true)
        #expect(options.timeZone.identifier == "Asia/Shanghai")
    }

    @Test func aSiteOutputThatArchivesImagesGetsItsCaps() throws {
        let config = try ConfigLoaderTests.load("""
            outputs:
              - format: site
                dir: public
                base_url: https://news.example.org/
                title: t
                images: archive
                max_image_bytes: 2097152
                max_images_per_story: 8
              - format: site
                dir: public2
                base_url: https://news.example.org/
                title: t
            groups:
              - name: g
                sources:
                  - site: s
                    url: https://example.com/feed.xml
            """)
        guard case .site(let options) = try #require(config.outputs.first), case .site(let plain) = try #require(config.outputs.last) else {
            Issue.record("not site outputs")
            return
        }
        #expect(options.images == .archive && options.maxImageBytes == 2_097_152 && options.maxImagesPerStory == 8)
        #expect(plain.images == .link && plain.maxImageBytes == 5_242_880 && plain.maxImagesPerStory == 20)
    }

    @Test func aSiteOutputWithoutItsAddressOrWithBadValuesIsRefusedWithTheKeys() throws {
        do {
            _ = try ConfigLoaderTests.load("""
                outputs:
                  - format: site
                    dir: public
                    title: t
                    page_size: 0
                    images: hotlink
                    colour: red
                  - format: site
                    dir: public2
                    base_url: news.example.org
                    title: t
                    images: archive
                    max_image_bytes: 10
                    max_images_per_story: 0
                groups: []
                """)
            Issue.record("no error")
        } catch let errors as ConfigErrors {
            let text = errors.description
            #expect(text.contains("outputs[0].base_url: missing base_url"), "\(text)")
            #expect(text.contains("outputs[0].page_size"), "\(text)")
            #expect(text.contains("outputs[0].images: unknown images mode 'hotlink'"), "\(text)")
            #expect(text.contains("colour"), "\(text)")
            #expect(text.contains("outputs[1].base_url: expected an absolute http(s) URL"), "\(text)")
            #expect(text.contains("outputs[1].max_image_bytes: expected a whole number from 1024 to 1073741824"), "\(text)")
            #expect(text.contains("outputs[1].max_images_per_story: expected a whole number from 1 to 1000"), "\(text)")
        }
    }
}
