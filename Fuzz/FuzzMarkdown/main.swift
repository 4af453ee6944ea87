import FuzzSupport
import Foundation

exit(FuzzDriver.run { data, count in fuzzMarkdown(data, count) })
