/// Word lists for ``PersonalDataCheck``: common given names and surnames in UK universities, and words that name
/// roles, bodies and places of the Prevent world (never a person's name, even when capitalised).
enum NameLists {
    /// Given names that are not also everyday words: a capitalised one is taken as a name on its own.
    static let givenNames: Set<String> = [
        "aaliyah", "abdul", "abdullah", "abigail", "adam", "adrian", "ahmed", "aidan", "aisha", "alan", "alex",
        "alexander", "alexandra", "ali", "alice", "alison", "amelia", "amina", "amir", "amy", "andrew", "angela",
        "anna", "anne", "anthony", "arjun", "ava", "ayesha", "barbara", "ben", "benjamin", "beth", "bethany",
        "bilal", "bradley", "callum", "cameron", "caroline", "catherine", "charlie", "charlotte", "chloe", "chris",
        "christopher", "claire", "connor", "craig", "daniel", "david", "deborah", "declan", "deepak", "ella",
        "eleanor", "elizabeth", "ellie", "emily", "emma", "ethan", "eve", "fatima", "finn", "freya", "gareth",
        "gemma", "george", "georgia", "graham", "gurpreet", "hamza", "hannah", "harry", "harvey", "hassan", "helen",
        "holly", "hussain", "ian", "ibrahim", "imran", "isaac", "isabella", "isla", "jack", "jacob", "james",
        "jamie", "jane", "jasmine", "jason", "jennifer", "jessica", "joanne", "joe", "john", "jonathan", "joseph",
        "joshua", "julie", "karen", "kate", "katie", "kevin", "khadija", "laura", "lauren", "leah", "liam", "lily",
        "lisa", "louise", "lucy", "luke", "maryam", "matthew", "megan", "michael", "michelle", "mohammed",
        "mohammad", "muhammad", "mohamed", "nadia", "naomi", "nathan", "neil", "nicola", "noah", "oliver", "olivia",
        "omar", "oscar", "patrick", "paul", "peter", "priya", "rachel", "rahul", "rebecca", "richard", "robert",
        "ryan", "sam", "samuel", "sana", "sandeep", "sarah", "scott", "sean", "simon", "sophie", "stephen", "steven",
        "susan", "tariq", "thomas", "tom", "usman", "victoria", "william", "yasmin", "yusuf", "zainab", "zara",
        "zoe", "jo", "joanna", "kieran", "mia", "niamh", "siobhan", "rhys", "dylan", "owen", "sian", "ewan",
        "fiona", "hamish", "kirsty", "ciara", "aoife", "lewis", "kyle",
    ]

    /// Given names that are also everyday words ("Faith", "Will", "May"): a name only before a capitalised surname.
    static let ambiguousGivenNames: Set<String> = [
        "faith", "grace", "hope", "will", "may", "mark", "bill", "rose", "amber", "ruby", "joy", "frank", "dean",
        "summer", "sunny", "chase", "victor", "jordan", "max", "pat", "ray", "rob", "sue", "jean", "iris",
    ]

    /// Common surnames: a capitalised one after another capitalised word is taken as a full name.
    static let surnames: Set<String> = [
        "smith", "jones", "williams", "taylor", "davies", "evans", "wilson", "thomas", "johnson",
        "roberts", "robinson", "thompson", "wright", "walker", "edwards", "hughes",
        "lewis", "harris", "clarke", "patel", "jackson", "turner", "martin", "cooper",
        "morris", "moore", "clark", "lee", "harrison", "morgan", "allen", "james", "scott",
        "phillips", "watson", "davis", "parker", "bennett", "griffiths", "mitchell", "kelly",
        "carter", "richardson", "bailey", "collins", "shaw", "murphy", "miller", "richards",
        "khan", "ali", "ahmed", "hussain", "begum", "shah", "singh", "kaur", "sharma", "mahmood", "rahman",
        "akhtar", "iqbal", "chowdhury", "nguyen", "chen", "wang", "zhang", "li", "okafor", "adeyemi", "mensah",
        "campbell", "stewart", "macdonald", "murray", "reid", "o'brien", "byrne", "ryan", "doyle", "kowalski",
    ]

    /// Capitalised words that name roles, bodies, documents and places, never a person.
    static let institutional: Set<String> = [
        "prevent", "channel", "panel", "pmap", "home", "office", "student", "students", "union", "su", "guild",
        "university", "college", "council", "police", "lead", "leads", "team", "committee", "board", "services",
        "service", "safeguarding", "designated", "officer", "chaplaincy", "chaplain", "faith", "muslim",
        "christian", "jewish", "islamic", "hindu", "sikh", "buddhist", "counter", "terrorism", "ofs", "dfe",
        "hefce", "amosshe", "england", "wales", "scotland", "ireland", "northern", "uk", "british", "london",
        "freedom", "speech", "code", "policy", "duty", "group", "network", "society", "societies", "it", "library",
        "research", "ethics", "vle", "teams", "moodle", "microsoft", "zoom", "director", "head", "dean",
        "registrar", "vice", "chancellor", "pro", "governors", "governing", "body", "audit", "risk", "coo",
        "hr", "estates", "security", "wellbeing", "welfare", "counselling", "disability", "accommodation",
        "residential", "life", "academic", "registry", "conference", "events", "event", "department", "faculty",
        "school", "centre", "center", "multi", "multifaith", "act", "early", "hotline", "anti", "terrorist",
        "government", "guidance", "statutory", "monday", "tuesday", "wednesday", "thursday", "friday",
        "saturday", "sunday", "january", "february", "march", "april", "june", "july", "august", "september",
        "october", "november", "december", "local", "authority", "regional", "coordinator", "co", "ordinator",
        "nhs", "gp", "an", "the", "a", "our", "their", "we", "i", "they", "this", "that", "each", "every",
    ]
}
