import Mustache

// Each page context answers the templates' look-ups by name with a switch over its stored properties: the same
// values swift-mustache would find by reflection, without building a Mirror for every look-up (which made the
// queue three times slower in a debug build). A key missing here is looked up in the enclosing context, as with
// reflection, so every stored property must have its case: this file is generated from the context structs by
// scripts/desk-context-lookups.py (run it after changing one); the route tests render every page through it.

extension MessagePage: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "heading": self.heading
        case "text": self.text
        default: nil
        }
    }
}

extension SignInPage: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "error": self.error
        case "notice": self.notice
        case "name": self.name
        default: nil
        }
    }
}

extension SetupPage: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "error": self.error
        default: nil
        }
    }
}

extension ReasonPage: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "reference": self.reference
        case "minimum": self.minimum
        case "error": self.error
        default: nil
        }
    }
}

extension EnrolPage.QR.Path: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "d": self.d
        default: nil
        }
    }
}

extension EnrolPage.QR: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "side": self.side
        case "pixels": self.pixels
        case "paths": self.paths
        default: nil
        }
    }
}

extension EnrolPage: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "name": self.name
        case "setupCode": self.setupCode
        case "secret": self.secret
        case "uri": self.uri
        case "minimum": self.minimum
        case "qr": self.qr
        case "error": self.error
        default: nil
        }
    }
}
