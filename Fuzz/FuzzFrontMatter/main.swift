import FuzzSupport
import Foundation

exit(FuzzDriver.run { data, count in fuzzFrontMatter(data, count) })
