import FuzzSupport
import Foundation

exit(FuzzDriver.run { data, count in fuzzSnapshot(data, count) })
