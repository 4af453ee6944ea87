import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// An SVG chart parsed back with a real XML parser, so tests see what a browser sees.
struct SVGDocument {
    struct Element {
        let name: String
        let attributes: [String: String]
        var text: String
        subscript(_ key: String) -> String? { attributes[key] }
        func number(_ key: String) -> Double? { attributes[key].flatMap(Double.init) }
    }

    let root: Element
    let elements: [Element]

    init(_ svg: String) throws {
        let collector = Collector()
        let parser = XMLParser(data: Data(svg.utf8))
        parser.delegate = collector
        guard parser.parse(), let root = collector.elements.first else {
            throw ParseError(message: parser.parserError.map { "\($0)" } ?? "empty document")
        }
        self.root = root
        self.elements = collector.elements
    }

    func all(_ name: String, class className: String? = nil) -> [Element] {
        elements.filter { element in
            element.name == name
                && (className.map { (element["class"] ?? "").split(separator: " ").contains(Substring($0)) } ?? true)
        }
    }

    func texts(class className: String? = nil) -> [String] {
        all("text", class: className).map(\.text)
    }

    struct ParseError: Error { let message: String }

    private final class Collector: NSObject, XMLParserDelegate {
        var elements: [Element] = []
        private var open: [Int] = []

        func parser(
            _ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
            attributes: [String: String] = [:]
        ) {
            elements.append(Element(name: name, attributes: attributes, text: ""))
            open.append(elements.count - 1)
        }

        func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
            open.removeLast()
        }

        func parser(_ parser: XMLParser, foundCharacters string: String) {
            if let index = open.last { elements[index].text += string }
        }
    }
}

/// The (x, y) pairs of an SVG path made of M, L, H and V commands, one array per subpath.
func subpaths(_ d: String) -> [[(x: Double, y: Double)]] {
    var result: [[(x: Double, y: Double)]] = []
    var current = (x: 0.0, y: 0.0)
    let tokens = d.replacingOccurrences(of: ",", with: " ").split(separator: " ")
    var index = 0
    func next() -> Double { defer { index += 1 }; return Double(tokens[index])! }
    while index < tokens.count {
        let token = tokens[index]
        let command = token.first!
        let rest = token.dropFirst()
        index += 1
        let first = rest.isEmpty ? next() : Double(rest)!
        switch command {
        case "M": current = (first, next()); result.append([current])
        case "L": current = (first, next()); result[result.count - 1].append(current)
        case "H": current.x = first; result[result.count - 1].append(current)
        case "V": current.y = first; result[result.count - 1].append(current)
        default: Issue.record("unexpected path command \(command)")
        }
    }
    return result
}

import Testing
