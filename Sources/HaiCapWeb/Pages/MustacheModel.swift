import Foundation

/// Page models are `[String: Any]`; an optional that is nil, once wrapped in `Any`, counts as present
/// in Mustache and prints "nil". Every model passes through `clean` before rendering: nil optionals
/// are dropped (so `{{#error}}` is false and `{{error}}` is empty) and present ones unwrapped.
enum MustacheModel {
    static func clean(_ value: Any) -> Any? {
        let mirror = Mirror(reflecting: value)
        if mirror.displayStyle == .optional {
            guard let wrapped = mirror.children.first?.value else { return nil }
            return clean(wrapped)
        }
        if let fields = value as? [String: Any] {
            return fields.compactMapValues(clean)
        }
        if mirror.displayStyle == .collection, let items = value as? [Any] {
            return items.compactMap(clean)
        }
        return value
    }
}
