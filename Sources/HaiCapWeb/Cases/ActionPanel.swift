/// The actions a viewer may take on a case, as the one `case-actions` partial draws them: one
/// form per action, listed from the kind's workflow (`allowed`) after `Policy`, each with its
/// fields. A kind describes its forms; it writes no markup.
struct ActionForm {
    let key: String
    /// The form's title (the summary of a folded form).
    let heading: String
    let button: String
    let href: String
    /// Forms that carry files are sent as multipart.
    let multipart: Bool
    /// Folded (the dossier page, many actions) or shown (the 1022 page, a few at a time).
    let folded: Bool
    let fields: [ActionField]

    init(
        key: String, heading: String, button: String? = nil, href: String, multipart: Bool = false, folded: Bool,
        fields: [ActionField]
    ) {
        self.key = key
        self.heading = heading
        self.button = button ?? heading
        self.href = href
        self.multipart = multipart
        self.folded = folded
        self.fields = fields
    }
}

/// One field of an action form: a choice, a text box or an input.
struct ActionField {
    struct Option {
        let value: String
        let label: String
        let selected: Bool
    }

    let id: String
    let name: String
    let label: String
    let required: Bool
    let wide: Bool
    let isSelect: Bool
    let isTextarea: Bool
    let isInput: Bool
    let rows: Int
    let type: String
    let value: String
    let options: [Option]
    let hasMin: Bool, min: Int
    let hasMax: Bool, max: Int
    let accept: String, hasAccept: Bool
    let multiple: Bool
    let numeric: Bool

    private init(
        id: String, name: String, label: String, required: Bool, wide: Bool, kind: Int, rows: Int = 2, type: String = "text",
        value: String = "", options: [Option] = [], min: Int? = nil, max: Int? = nil, accept: String = "", multiple: Bool = false,
        numeric: Bool = false
    ) {
        self.id = id
        self.name = name
        self.label = label
        self.required = required
        self.wide = wide
        isSelect = kind == 0
        isTextarea = kind == 1
        isInput = kind == 2
        self.rows = rows
        self.type = type
        self.value = value
        self.options = options
        hasMin = min != nil
        self.min = min ?? 0
        hasMax = max != nil
        self.max = max ?? 0
        self.accept = accept
        hasAccept = !accept.isEmpty
        self.multiple = multiple
        self.numeric = numeric
    }

    static func select(_ id: String, _ name: String, _ label: String, _ options: [Option]) -> ActionField {
        ActionField(id: id, name: name, label: label, required: false, wide: false, kind: 0, options: options)
    }

    static func text(_ id: String, _ name: String, _ label: String, required: Bool = true, rows: Int = 2, value: String = "") -> ActionField {
        ActionField(id: id, name: name, label: label, required: required, wide: true, kind: 1, rows: rows, value: value)
    }

    /// A one-line input (`type` text, date, datetime-local, number, file).
    static func input(
        _ id: String, _ name: String, _ label: String, type: String = "text", required: Bool = false, wide: Bool = false,
        value: String = "", min: Int? = nil, max: Int? = nil, accept: String = "", multiple: Bool = false,
        numeric: Bool = false
    ) -> ActionField {
        ActionField(
            id: id, name: name, label: label, required: required, wide: wide, kind: 2, type: type, value: value, min: min, max: max,
            accept: accept, multiple: multiple, numeric: numeric)
    }
}
