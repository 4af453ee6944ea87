import StaybookModel
import Testing

@Suite struct SitePathTests {
    @Test func siblingPagesLinkUpOneFolderAndNameTheFile() {
        let from = SitePath("talk-scripts/new-hire/index.html")
        #expect(from.relativeURL(to: SitePath("talk-scripts/exit/index.html")) == "../exit/index.html")
    }

    @Test func pagesInOtherSectionsLinkThroughTheRoot() {
        let from = SitePath("talk-scripts/new-hire/index.html")
        #expect(from.relativeURL(to: SitePath("care/career/index.html")) == "../../care/career/index.html")
        #expect(from.relativeURL(to: SitePath("index.html")) == "../../index.html")
        #expect(from.relativeURL(to: SitePath("assets/style.css")) == "../../assets/style.css")
    }

    @Test func theHomePageLinksDown() {
        let home = SitePath("index.html")
        #expect(home.relativeURL(to: SitePath("care/index.html")) == "care/index.html")
        #expect(home.relativeURL(to: home) == "index.html")
        #expect(home.rootPrefix == "")
    }

    @Test func aPageLinksToItselfByFileName() {
        let page = SitePath("care/career/index.html")
        #expect(page.relativeURL(to: page) == "index.html")
        #expect(page.relativeURL(to: page, fragment: "怎么做") == "index.html#%E6%80%8E%E4%B9%88%E5%81%9A")
        #expect(page.rootPrefix == "../../")
    }

    @Test func hanAndSpacesArePercentEncodedInPaths() {
        let from = SitePath("index.html")
        #expect(from.relativeURL(to: SitePath("stages/入职期/index.html")) == "stages/%E5%85%A5%E8%81%8C%E6%9C%9F/index.html")
        #expect(from.relativeURL(to: SitePath("files/a b.pdf")) == "files/a%20b.pdf")
        // Every byte is two hex digits, a low one padded with a zero.
        #expect(URLEncoding.pathSegment("\t\u{7F}~é") == "%09%7F~%C3%A9")
        #expect(URLEncoding.fragment("a/b?c:d 第") == "a/b?c:d%20%E7%AC%AC")
        for byte in UInt8(0)...UInt8(0x7F) {
            let text = String(UnicodeScalar(byte))
            #expect(URLEncoding.decode(URLEncoding.pathSegment(text)) == text)
        }
    }

    @Test func decodingUndoesEncodingAndRejectsBrokenEscapes() {
        #expect(URLEncoding.decode("%E5%85%A5%E8%81%8C%E6%9C%9F") == "入职期")
        #expect(URLEncoding.decode("a%20b.md") == "a b.md")
        #expect(URLEncoding.decode("plain") == "plain")
        #expect(URLEncoding.decode("bad%2") == nil)
        #expect(URLEncoding.decode("%FF%FE") == nil)
    }
}
