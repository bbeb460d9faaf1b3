/// Word tables used by `TextNormalizer`.
enum Lexicon {
    /// Contractions, with and without the apostrophe. Ambiguous apostrophe-less forms
    /// ("its", "id", "well", "were", "shell", "hell", "wed", "lets") are deliberately absent.
    static let contractions: [String: [String]] = {
        var table: [String: [String]] = [:]
        let pairs: [(String, String)] = [
            ("don't", "do not"), ("doesn't", "does not"), ("didn't", "did not"), ("isn't", "is not"),
            ("aren't", "are not"), ("wasn't", "was not"), ("weren't", "were not"), ("haven't", "have not"),
            ("hasn't", "has not"), ("hadn't", "had not"), ("won't", "will not"), ("wouldn't", "would not"),
            ("can't", "can not"), ("cannot", "can not"), ("couldn't", "could not"), ("shouldn't", "should not"),
            ("mustn't", "must not"), ("shan't", "shall not"), ("ain't", "is not"), ("needn't", "need not"),
            ("i'm", "i am"), ("i've", "i have"), ("i'll", "i will"), ("i'd", "i would"),
            ("you're", "you are"), ("you've", "you have"), ("you'll", "you will"), ("you'd", "you would"),
            ("we're", "we are"), ("we've", "we have"), ("we'll", "we will"), ("we'd", "we would"),
            ("they're", "they are"), ("they've", "they have"), ("they'll", "they will"), ("they'd", "they would"),
            ("he's", "he is"), ("she's", "she is"), ("it's", "it is"), ("that's", "that is"),
            ("what's", "what is"), ("where's", "where is"), ("who's", "who is"), ("how's", "how is"),
            ("there's", "there is"), ("here's", "here is"), ("when's", "when is"), ("why's", "why is"),
            ("let's", "let us"), ("y'all", "you all"), ("o'clock", "oclock"), ("ma'am", "madam"),
            // Without apostrophe (only unambiguous ones).
            ("dont", "do not"), ("doesnt", "does not"), ("didnt", "did not"), ("isnt", "is not"),
            ("arent", "are not"), ("wasnt", "was not"), ("werent", "were not"), ("havent", "have not"),
            ("hasnt", "has not"), ("hadnt", "had not"), ("wont", "will not"), ("wouldnt", "would not"),
            ("cant", "can not"), ("couldnt", "could not"), ("shouldnt", "should not"), ("mustnt", "must not"),
            ("aint", "is not"), ("im", "i am"), ("ive", "i have"), ("youre", "you are"), ("youve", "you have"),
            ("youll", "you will"), ("theyre", "they are"), ("theyve", "they have"), ("whats", "what is"),
            ("thats", "that is"), ("wheres", "where is"), ("whos", "who is"), ("hows", "how is"),
            ("theres", "there is"), ("heres", "here is"), ("gonna", "going to"), ("wanna", "want to"),
            ("gotta", "got to"), ("dunno", "do not know"), ("pls", "please"), ("plz", "please"),
            ("thx", "thanks"), ("ty", "thank you"), ("u", "you"), ("ur", "your"),
        ]
        for (short, long) in pairs {
            table[short] = long.split(separator: " ").map(String.init)
        }
        return table
    }()

    /// Stems whose "'s" means "is" (otherwise "'s" is a possessive and dropped).
    static let isContractingS: Set<String> = [
        "he", "she", "it", "that", "what", "where", "who", "how", "there", "here", "when", "why", "this",
    ]

    /// Whole-word replacements: common typos and British/American words not covered by suffix rules.
    static let wordMap: [String: String] = {
        var table: [String: String] = [
            // Typos (the first line: ones staff make in this domain).
            "referal": "referral", "refferal": "referral", "referals": "referrals", "extreamist": "extremist",
            "colleage": "colleague", "prevnet": "prevent",
            "recieve": "receive", "recieved": "received", "recieving": "receiving", "reciept": "receipt",
            "beleive": "believe", "belive": "believe", "beleived": "believed", "seperate": "separate",
            "seperated": "separated", "seperately": "separately", "concious": "conscious",
            "conciousness": "consciousness", "definately": "definitely", "definatly": "definitely",
            "occured": "occurred", "occurence": "occurrence", "occuring": "occurring", "untill": "until",
            "wich": "which", "teh": "the", "adress": "address", "accomodation": "accommodation",
            "acommodation": "accommodation", "goverment": "government", "enviroment": "environment",
            "tommorow": "tomorrow", "tomorow": "tomorrow", "tommorrow": "tomorrow", "wierd": "weird",
            "thier": "their", "freind": "friend", "begining": "beginning", "beacuse": "because",
            "becuase": "because", "becasue": "because", "studnet": "student", "studnets": "students",
            "collegue": "colleague", "collegues": "colleagues", "neccessary": "necessary",
            "necesary": "necessary", "existance": "existence", "independant": "independent",
            "calender": "calendar", "embarass": "embarrass", "harrass": "harass", "harrassment": "harassment",
            "harrased": "harassed", "arguement": "argument", "acheive": "achieve", "publically": "publicly",
            "refered": "referred", "refering": "referring", "reccomend": "recommend", "recomend": "recommend",
            "restaraunt": "restaurant", "resturant": "restaurant", "sucess": "success", "succesful": "successful",
            "wether": "whether", "truely": "truly", "priviledge": "privilege", "posession": "possession",
            "occassion": "occasion", "millenium": "millennium", "maintainance": "maintenance",
            "mispell": "misspell", "noticable": "noticeable", "persue": "pursue", "suprise": "surprise",
            "tounge": "tongue", "foriegn": "foreign", "greatful": "grateful", "gaurd": "guard",
            "garantee": "guarantee", "guage": "gauge", "happend": "happened", "immediatly": "immediately",
            "knowlege": "knowledge", "liase": "liaise", "lisence": "license", "lenght": "length",
            "paralel": "parallel", "pharoah": "pharaoh", "questionaire": "questionnaire", "recieves": "receives",
            "relevent": "relevant", "religous": "religious", "rember": "remember", "remeber": "remember",
            "saftey": "safety", "safegaurding": "safeguarding", "safegarding": "safeguarding",
            "sargent": "sergeant", "similiar": "similar", "speach": "speech", "strech": "stretch",
            "threshhold": "threshold", "vaccum": "vacuum", "wensday": "wednesday", "wendesday": "wednesday",
            "febuary": "february", "accross": "across", "agressive": "aggressive", "alot": "a lot",
            "apparantly": "apparently", "basicly": "basically", "buisness": "business", "catagory": "category",
            "comming": "coming", "commited": "committed", "concensus": "consensus", "dissapoint": "disappoint",
            "extremeist": "extremist", "extremsim": "extremism", "finaly": "finally", "fourty": "forty",
            "freinds": "friends", "gratefull": "grateful", "helpfull": "helpful", "hieght": "height",
            "interupt": "interrupt", "iresponsible": "irresponsible", "libary": "library", "lisense": "license",
            "mantain": "maintain", "neice": "niece", "occassionally": "occasionally", "peice": "piece",
            "perhpas": "perhaps", "prefered": "preferred", "probaly": "probably", "realy": "really",
            "resistence": "resistance", "responsability": "responsibility", "sieze": "seize",
            "shedule": "schedule", "sincerly": "sincerely", "speciality": "specialty", "stoped": "stopped",
            "thru": "through", "tho": "though", "truley": "truly", "usualy": "usually", "whith": "with",
            // British/American whole words.
            "programme": "program", "programmes": "programs", "licence": "license", "licences": "licenses",
            "defence": "defense", "defences": "defenses", "offence": "offense", "offences": "offenses",
            "pretence": "pretense", "practise": "practice", "practised": "practiced", "practising": "practicing",
            "judgement": "judgment", "judgements": "judgments", "ageing": "aging", "grey": "gray",
            "cheque": "check", "cheques": "checks", "tyre": "tire", "tyres": "tires", "maths": "math",
            "sceptical": "skeptical", "sceptic": "skeptic", "enrol": "enroll", "enrolment": "enrollment",
            "enrolments": "enrollments", "enrols": "enrolls", "fulfil": "fulfill", "fulfilment": "fulfillment",
            "instalment": "installment", "catalogue": "catalog", "catalogues": "catalogs", "dialogue": "dialog",
            "analogue": "analog", "aluminium": "aluminum", "pyjamas": "pajamas", "plough": "plow",
            "draught": "draft", "learnt": "learned", "spelt": "spelled", "burnt": "burned", "dreamt": "dreamed",
            "mum": "mom", "mummy": "mommy", "colour": "color", "paediatric": "pediatric", "foetus": "fetus",
            "anaemia": "anemia", "oestrogen": "estrogen", "encyclopaedia": "encyclopedia", "manoeuvre": "maneuver",
            "manoeuvres": "maneuvers", "kerb": "curb", "storey": "story", "storeys": "stories",
            "towards": "toward", "amongst": "among", "whilst": "while", "cosy": "cozy", "moustache": "mustache",
            "mould": "mold", "smoulder": "smolder", "jewellery": "jewelry", "gaol": "jail", "axe": "ax",
            "doughnut": "donut", "artefact": "artifact", "behaviour": "behavior", "centred": "centered",
            "centring": "centering", "practises": "practices", "crises": "crises",
        ]
        // Doubled-l past tenses and agent nouns.
        for stem in [
            "travel", "cancel", "model", "label", "counsel", "signal", "level", "fuel", "marvel", "channel",
            "equal", "dial", "total", "tunnel", "quarrel", "pedal", "panel", "shovel", "duel", "jewel",
        ] {
            for suffix in ["ed", "ing", "er", "ers", "or", "ors"] {
                table[stem + "l" + suffix] = stem + suffix
            }
        }
        return table
    }()

    /// British stems ending in -our (matched as prefixes, so "favourite" and "neighbourhood" fold too).
    static let ourStems: [(String, String)] = [
        "behaviour", "colour", "favour", "honour", "labour", "neighbour", "rumour", "humour", "harbour",
        "flavour", "vapour", "endeavour", "savour", "armour", "vigour", "odour", "parlour", "splendour",
        "tumour", "valour", "clamour", "saviour", "candour", "rancour", "ardour", "fervour", "glamour",
    ].map { ($0, String($0.dropLast(2)) + "r") }

    /// British stems ending in -re (prefix matched: "centres", "centred").
    static let reStems: [(String, String)] = [
        ("centre", "center"), ("theatre", "theater"), ("metre", "meter"), ("litre", "liter"),
        ("fibre", "fiber"), ("calibre", "caliber"), ("sombre", "somber"), ("spectre", "specter"),
        ("meagre", "meager"), ("lustre", "luster"), ("sabre", "saber"), ("kilometre", "kilometer"),
        ("centimetre", "centimeter"), ("millimetre", "millimeter"),
    ]

    /// Words whose -ise is not the British spelling of -ize.
    static let iseExceptions: Set<String> = [
        "advise", "exercise", "otherwise", "wise", "rise", "raise", "noise", "surprise", "enterprise",
        "franchise", "compromise", "despise", "devise", "revise", "supervise", "televise", "comprise",
        "merchandise", "precise", "concise", "premise", "expertise", "cruise", "praise", "poise", "paradise",
        "treatise", "disguise", "improvise", "excise", "incise", "circumcise", "arise", "apprise", "demise",
        "mortise", "tortoise", "porpoise", "anise", "bruise", "guise", "valise", "reprise", "likewise",
        "clockwise", "promise", "chemise", "chastise", "surmise", "baptise", "noise", "vise", "anticlockwise",
        "counterclockwise", "streetwise", "concise", "imprecise", "impromise", "wise", "daise", "raise",
        "upraise", "appraise", "fundraise", "uprise", "sunrise", "moonrise", "highrise", "arise", "poise",
        "mise", "valise", "cerise", "marquise", "denise", "louise", "elise", "lise", "eloise", "paise",
    ]

    /// Folds British -ise/-isation/-yse and -our/-re spellings to one canonical form.
    static func foldSpelling(_ word: String) -> String {
        let utf8 = word.utf8
        guard utf8.count >= 5 else { return word }
        // Each family is looked for only when its letters are in the word: a byte scan is much cheaper than the
        // prefix and suffix comparisons, and every message's every word comes through here.
        // -our stems.
        if containsBytes(utf8, "our") {
            for (british, american) in ourStems where word.hasPrefix(british) {
                return american + word.dropFirst(british.count)
            }
        }
        if containsBytes(utf8, "re") {
            for (british, american) in reStems where word.hasPrefix(british) {
                return american + word.dropFirst(british.count)
            }
        }
        // -yse → -yze (analyse, paralyse, catalyse).
        if containsBytes(utf8, "lys") {
            for (british, american) in yseStems where word.hasPrefix(british) && !word.hasPrefix(british + "is") {
                return american + word.dropFirst(british.count)
            }
        }
        // -ise family → -ize (every ending has "is").
        guard containsBytes(utf8, "is") else { return word }
        for suffix in iseSuffixes where word.hasSuffix(suffix.ending) {
            let stemCount = word.count - suffix.ending.count
            guard stemCount >= 2 else { return word }
            let stem = String(word.prefix(stemCount))
            let base = stem + "ise"
            if iseExceptions.contains(base) { return word }
            if base.hasSuffix("wise") || base.hasSuffix("rise") || base.hasSuffix("cise") { return word }
            return stem + suffix.replacement
        }
        return word
    }

    static let yseStems: [(String, String)] = [("analys", "analyz"), ("paralys", "paralyz"), ("catalys", "catalyz")]

    /// Whether `needle`'s bytes occur in `haystack`.
    static func containsBytes(_ haystack: String.UTF8View, _ needle: StaticString) -> Bool {
        needle.withUTF8Buffer { needle in
            guard let first = needle.first else { return true }
            var index = haystack.startIndex
            while index != haystack.endIndex {
                if haystack[index] == first, haystack[index...].starts(with: needle) { return true }
                haystack.formIndex(after: &index)
            }
            return false
        }
    }

    struct Suffix {
        let ending: String
        let replacement: String
    }

    static let iseSuffixes: [Suffix] = [
        Suffix(ending: "isations", replacement: "izations"), Suffix(ending: "isation", replacement: "ization"),
        Suffix(ending: "ising", replacement: "izing"), Suffix(ending: "ised", replacement: "ized"),
        Suffix(ending: "ises", replacement: "izes"), Suffix(ending: "isers", replacement: "izers"),
        Suffix(ending: "iser", replacement: "izer"), Suffix(ending: "ise", replacement: "ize"),
    ]
}
