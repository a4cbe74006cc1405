//! The cue lexicons of English news writing that extraction relies on.
//!
//! Everything here is data: general conventions of news reporting (how a
//! source is named, how speech is attributed, how a company's answer is
//! worded), not anything about particular articles. Extend a table to teach
//! extraction a new convention. Words are lower case; phrases are matched on
//! word boundaries in lower-cased text.

use crate::model::Accuser;

/// Verbs that attribute speech or a stated position to their subject.
pub const SPEECH_VERBS: &[&str] = &[
    "said",
    "says",
    "say",
    "told",
    "tells",
    "stated",
    "states",
    "wrote",
    "writes",
    "added",
    "adds",
    "argued",
    "argues",
    "noted",
    "notes",
    "insisted",
    "insists",
    "maintained",
    "maintains",
    "contended",
    "contends",
    "responded",
    "responds",
    "replied",
    "replies",
    "explained",
    "explains",
    "acknowledged",
    "acknowledges",
    "admitted",
    "admits",
    "denied",
    "denies",
    "disputed",
    "disputes",
    "rejected",
    "rejects",
    "countered",
    "counters",
    "tweeted",
    "posted",
    "announced",
    "announces",
    "confirmed",
    "confirms",
    "warned",
    "warns",
    "stressed",
    "stresses",
    "emphasized",
    "emphasised",
    "asserted",
    "asserts",
    "claimed",
    "claims",
    "claim",
    "disclosed",
    "discloses",
    "lambasted",
    "criticized",
    "criticised",
    "called",
    "calls",
    "described",
    "describes",
    "pushed back",
    "hit back",
    "fired back",
    "declared",
    "declares",
    "cautioned",
    "predicted",
    "promised",
    "promises",
    "vowed",
    "vows",
    "pledged",
    "pledges",
    "defended",
    "defends",
    "blamed",
    "blames",
    "dismissed",
    "dismisses",
    "apologized",
    "apologised",
    "apologizes",
    "apologises",
    "conceded",
    "concedes",
    "reiterated",
    "reiterates",
    "continued",
    "continues",
    "commented",
    "comments",
    "agreed",
    "agrees",
    "objected",
    "objects",
    "asked",
    "asks",
    "alleged",
    "alleges",
    "accused",
    "accuses",
    "reported",
    "reports",
    "suggested",
    "suggests",
    "according",
    "dispute",
    "deny",
    "reject",
    "respond",
    "defend",
    "apologize",
    "apologise",
    "argue",
    "insist",
    "admit",
    "acknowledge",
    "confirm",
    "comment",
    "explain",
    "counter",
    "clarify",
    "clarified",
    "refute",
    "refuted",
    "refutes",
    "rebut",
    "rebutted",
    "dismiss",
    "blame",
    "found",
    "finds",
    "concluded",
    "concludes",
    "ruled",
    "rules",
    "determined",
    "showed",
    "shows",
    "revealed",
    "reveals",
    "discovered",
    "testified",
    "contested",
    "contests",
    "challenged",
    "challenges",
    "welcomed",
    "praised",
];

/// Verbs by which a company takes a position on a charge without speech
/// ("Meta settled", "Google appealed"); with [`POSITION_VERBS_ON_SOMETHING`]
/// ("X limited the feature"), all of them.
pub const POSITION_VERBS: &[&str] = &[
    "settled",
    "settles",
    "settle",
    "appealed",
    "appeals",
    "appeal",
    "fended",
    "pledged",
    "committed",
    "apologized",
    "apologised",
    "vowed",
    "plans",
    "intends",
    "fought",
    "fights",
    "countersued",
    "shut",
];

/// Position verbs that act on something, so that one with nothing after it
/// is a passive's ("the board replaced, prompting …").
pub const POSITION_VERBS_ON_SOMETHING: &[&str] = &[
    "fixed",
    "patched",
    "removed",
    "limited",
    "restricted",
    "implemented",
    "paused",
    "suspended",
    "refunded",
    "reimbursed",
    "compensated",
    "replaced",
    "disabled",
    "updated",
];

/// Words that introduce a quotation or statement in narration.
pub const STATEMENT_NOUNS: &[&str] = &[
    "statement",
    "blog post",
    "post",
    "filing",
    "letter",
    "email",
    "emailed statement",
    "memo",
    "tweet",
    "interview",
];

/// Phrases meaning the company said nothing (stance `no_comment`).
pub const NO_COMMENT: &[&str] = &[
    "declined to comment",
    "declined comment",
    "declined to respond",
    "declined to elaborate",
    "declined to discuss",
    "declined to say",
    "declined to answer",
    "declined to provide",
    "declined a request for comment",
    "declined requests for comment",
    "declined to be interviewed",
    "did not respond",
    "didn't respond",
    "didn’t respond",
    "did not immediately respond",
    "didn't immediately respond",
    "didn’t immediately respond",
    "has not responded",
    "hasn't responded",
    "hasn’t responded",
    "have not responded",
    "had not responded",
    "did not reply",
    "didn't reply",
    "didn’t reply",
    "did not return",
    "didn't return",
    "didn’t return",
    "did not immediately return",
    "could not be reached",
    "couldn't be reached",
    "couldn’t be reached",
    "could not immediately be reached",
    "was not available for comment",
    "were not available for comment",
    "not immediately available for comment",
    "no response",
    "did not comment",
    "would not comment",
    "wouldn't comment",
    "wouldn’t comment",
    "refused to comment",
    "off-the-record",
    "off the record",
    "no comment",
    "did not answer",
    "has not commented",
    "went unanswered",
    "have gone unanswered",
    "has gone unanswered",
    "did not hear back",
    "didn't hear back",
    "didn’t hear back",
    "has not replied",
    "have not replied",
    "does not respond",
    "doesn't respond",
    "doesn’t respond",
    "do not respond",
    "has yet to respond",
    "have yet to respond",
    "will not comment",
    "won't comment",
    "won’t comment",
];

/// The writer asking for comment: no answer yet, when the sentence is about
/// comment ("TIME has reached out to X for comment").
pub const REACH_OUT: &[&str] = &[
    "has reached out to",
    "have reached out to",
    "reached out to",
    "has contacted",
    "have contacted",
    "contacted",
    "has been contacted",
    "have been contacted",
    "has been approached",
    "has asked",
    "asked for comment",
];

/// Reporting verbs after which a no-comment phrase is what was said
/// ("said that it had not responded to requests for clarification").
const REPORTING: &[&str] = &[
    "said",
    "says",
    "told",
    "stated",
    "wrote",
    "added",
    "argued",
    "claimed",
    "explained",
];

/// Where a sentence says that the company said nothing: a no-comment phrase
/// in the narrator's own clause, or a request for comment.
pub fn no_comment_at(text: &str) -> Option<usize> {
    let at = crate::phrases!(NO_COMMENT).first(text).map(|(at, _)| at).or_else(|| {
        let about_comment = ["comment", "response", "respond", "statement"]
            .iter()
            .any(|w| text.contains(w));
        if about_comment {
            crate::phrases!(REACH_OUT).first(text).map(|(at, _)| at)
        } else {
            None
        }
    })?;
    let reported = REPORTING.iter().any(|v| find_phrase(&text[..at], v).is_some());
    (!reported).then_some(at)
}

/// Words for people or units speaking for a company.
pub const COMPANY_ROLES: &[&str] = &[
    "spokesperson",
    "spokespeople",
    "spokesman",
    "spokeswoman",
    "spokespersons",
    "representative",
    "representatives",
    "rep",
    "reps",
    "press office",
    "press team",
    "communications director",
    "communication director",
    "head of communications",
    "director of communications",
    "communications chief",
    "comms",
    "lawyer",
    "lawyers",
    "attorney",
    "attorneys",
    "counsel",
    "general counsel",
    "chief legal officer",
    "legal team",
    "executive",
    "executives",
    "exec",
    "ceo",
    "chief executive",
    "chief executive officer",
    "founder",
    "co-founder",
    "cofounder",
    "president",
    "chairman",
    "chairwoman",
    "chair",
    "chief",
    "cto",
    "coo",
    "cfo",
    "vice president",
    "vp",
    "head of",
    "director",
    "manager",
    "official",
    "officials",
    "developers",
    "team",
    "owner",
    "boss",
    "leadership",
    "management",
    "board",
    "staff member",
    "engineer",
    "engineers",
    "policy chief",
    "head of policy",
    "public policy",
];

/// Noun phrases that stand for the company already in play.
/// Anaphors that name a line of business, and the companies in it: "the
/// social media company" after a mention of Grok is X, not xAI.
pub const SECTOR_ANAPHORS: &[(&[&str], &[&str])] = &[
    (
        &[
            "the social media company",
            "the social media giant",
            "the social media platform",
            "the social media firm",
            "the social network",
        ],
        &[
            "Meta",
            "X",
            "TikTok",
            "Snap",
            "Reddit",
            "Pinterest",
            "Bluesky",
            "Discord",
            "Telegram",
            "MySpace",
            "Rumble",
            "Trump Media & Technology Group",
        ],
    ),
    (
        &["the search giant", "the search company"],
        &["Google", "Baidu", "Yandex"],
    ),
    (&["the iphone maker"], &["Apple"]),
    (
        &["the chipmaker", "the chip maker", "the chip giant", "the chip designer"],
        &[
            "Nvidia", "Intel", "AMD", "Qualcomm", "TSMC", "Arm", "Broadcom", "Micron", "SK Hynix", "SMIC", "Samsung",
        ],
    ),
    (
        &["the automaker", "the carmaker", "the electric carmaker"],
        &["Tesla", "General Motors"],
    ),
    (
        &["the e-commerce giant", "the online retailer", "the e-commerce company"],
        &["Amazon", "Alibaba", "Shein", "Temu", "eBay", "Coupang", "Shopify"],
    ),
    (
        &["the streaming giant", "the streaming service", "the streamer"],
        &["Netflix", "Spotify", "Disney", "Paramount"],
    ),
    (
        &[
            "the ride-hailing company",
            "the ride-hailing giant",
            "the ride-sharing company",
        ],
        &["Uber", "Lyft"],
    ),
    (
        &[
            "the ai company",
            "the ai startup",
            "the ai firm",
            "the ai lab",
            "the chatbot maker",
        ],
        &[
            "OpenAI",
            "Anthropic",
            "xAI",
            "Mistral AI",
            "Perplexity",
            "Character.AI",
            "DeepSeek",
            "Midjourney",
            "Stability AI",
            "Cohere",
            "Scale AI",
            "Moonshot AI",
            "MiniMax",
            "Zhipu AI",
            "Replika",
            "Suno",
            "Udio",
            "Runway",
            "ElevenLabs",
            "Figure AI",
            "Hugging Face",
        ],
    ),
    // Last: a narrower sector's phrase says more.
    (
        &["the tech giant", "the technology giant"],
        &[
            "Apple",
            "Google",
            "Meta",
            "Amazon",
            "Microsoft",
            "Nvidia",
            "Samsung",
            "IBM",
            "Intel",
            "Oracle",
            "Tencent",
            "Alibaba",
            "Baidu",
            "ByteDance",
            "TikTok",
            "Huawei",
            "Sony",
            "Netflix",
            "Tesla",
            "Salesforce",
            "Cisco",
        ],
    ),
];

/// Anaphors whose noun the text may tie to one company ("Elon Musk’s X
/// application", "Netflix, the streaming service"): then they mean that
/// company, not the one named last. (The anaphor, the words that tie it.)
pub const DESCRIBED_ANAPHORS: &[(&str, &[&str])] = &[
    ("the app", &["app", "application"]),
    ("the platform", &["platform"]),
    ("the service", &["service"]),
];

/// Words after "X app" that make it another thing ("the Apple app store").
pub const NOT_DESCRIPTOR_HEADS: &[&str] = &[
    "store",
    "stores",
    "maker",
    "makers",
    "developer",
    "developers",
    "provider",
    "providers",
];

/// A company's own people, as a plural noun after its name or "its"
/// ("OpenAI staff", "its engineers").
pub const STAFF_NOUNS: &[&str] = &[
    "employees",
    "staff",
    "staffers",
    "workers",
    "team",
    "teams",
    "engineers",
    "moderators",
    "contractors",
    "managers",
    "researchers",
    "executives",
    "lawyers",
];

pub const COMPANY_ANAPHORS: &[&str] = &[
    "the company",
    "the firm",
    "the companies",
    "the two companies",
    "both companies",
    "the tech giant",
    "the technology giant",
    "the giant",
    "the platform",
    "the social network",
    "the social media company",
    "the social media giant",
    "the social media platform",
    "the app",
    "the retailer",
    "the startup",
    "the search giant",
    "the iphone maker",
    "the chipmaker",
    "the automaker",
    "the carmaker",
    "the e-commerce giant",
    "the streaming giant",
    "the service",
    "the business",
    "the group",
    "the developer",
    "the developers",
    "the website",
    "the site",
    "the network",
    "the operator",
    "the bank",
    "the insurer",
    "the publisher",
    "the studio",
    "the maker",
    "the ride-hailing company",
    "the social media firm",
    "the tech company",
    "the tech firm",
    "the chatbot platform",
    "the chatbot maker",
    "the chatbot company",
    "the ai company",
    "the ai firm",
    "the ai startup",
    "the ai lab",
];

/// Countries, as accusers their governments (see [`ACCUSERS`]).
pub const COUNTRIES: &[&str] = &[
    "brazil",
    "india",
    "france",
    "germany",
    "italy",
    "spain",
    "australia",
    "canada",
    "china",
    "russia",
    "japan",
    "south korea",
    "turkey",
    "indonesia",
    "malaysia",
    "nigeria",
    "kenya",
    "britain",
    "the uk",
    "the u.k",
    "the us",
    "the u.s",
    "ireland",
    "the netherlands",
    "belgium",
    "poland",
    "sweden",
    "norway",
    "denmark",
    "switzerland",
    "austria",
    "mexico",
    "argentina",
    "south africa",
    "vietnam",
    "pakistan",
    "bangladesh",
    "egypt",
    "israel",
    "saudi arabia",
    "singapore",
    "philippines",
    "thailand",
    "taiwan",
    "hong kong",
    "new zealand",
    "chile",
    "colombia",
    "peru",
];

/// Who makes an allegation, by the words that name them. Checked in order;
/// the first table with a match gives the accuser.
pub const ACCUSERS: &[(Accuser, &[&str])] = &[
    (
        Accuser::Lawsuit,
        &[
            "lawsuit",
            "lawsuits",
            "suit",
            "suits",
            "complaint",
            "complaints",
            "plaintiff",
            "plaintiffs",
            "class action",
            "class-action",
            "court documents",
            "court filing",
            "court filings",
            "court papers",
            "court records",
            "filing",
            "filings",
            "petition",
            "petitioners",
            "claimants",
            "lawyers for",
            "attorneys for",
            "the suit",
            "legal action",
            "sued",
            "sues",
            "suing",
            "sue",
            "lawyers",
            "attorneys",
            "unsealed",
            "the brief",
            "legal brief",
            "plaintiffs’ brief",
            "plaintiffs' brief",
        ],
    ),
    (
        Accuser::Court,
        &[
            "judge",
            "judges",
            "court",
            "courts",
            "jury",
            "juries",
            "ruling",
            "ruled",
            "justice",
            "justices",
            "tribunal",
            "magistrate",
            "verdict",
            "appeals court",
            "supreme court",
            "district court",
            "found liable",
        ],
    ),
    (
        Accuser::Lawmaker,
        &[
            "senator",
            "senators",
            "sen",
            "sens",
            "rep",
            "reps",
            "representative",
            "congressman",
            "congresswoman",
            "congressmen",
            "lawmaker",
            "lawmakers",
            "legislator",
            "legislators",
            "legislature",
            "mp",
            "mps",
            "mep",
            "meps",
            "member of parliament",
            "members of parliament",
            "parliament",
            "parliamentary",
            "congress",
            "senate",
            "house committee",
            "senate committee",
            "politician",
            "politicians",
            "deputy",
            "deputies",
            "assemblymember",
            "councilmember",
            "city council",
            "committee chair",
            "democrats",
            "republicans",
        ],
    ),
    (
        Accuser::Regulator,
        &[
            "regulator",
            "regulators",
            "regulatory",
            "watchdog",
            "ftc",
            "federal trade commission",
            "doj",
            "justice department",
            "department of justice",
            "sec",
            "securities and exchange commission",
            "fcc",
            "cfpb",
            "attorney general",
            "attorneys general",
            "ag",
            "prosecutor",
            "prosecutors",
            "prosecution",
            "commission",
            "commissioner",
            "european commission",
            "ofcom",
            "ico",
            "information commissioner",
            "cma",
            "competition and markets authority",
            "dpc",
            "data protection commission",
            "cnil",
            "authority",
            "authorities",
            "government",
            "governments",
            "ministry",
            "minister",
            "ministers",
            "secretary",
            "agency",
            "agencies",
            "department",
            "officials",
            "police",
            "europol",
            "antitrust enforcers",
            "enforcers",
            "state of",
            "administration",
            "white house",
            "president",
            "prime minister",
            "premier",
            "chancellor",
            "mayor",
            "governor",
            "gov",
            "bundeskartellamt",
            "autorité",
            "garante",
            "privacy regulator",
            "eu",
            "european union",
            "brussels",
            "u.s. government",
            "state",
            "states",
            "fda",
            "nhtsa",
            "ntsb",
            "osha",
            "nlrb",
            "labor relations board",
            "labour relations board",
            "eeoc",
            "hhs",
            "irs",
            "treasury",
            "the state",
            "kremlin",
            "beijing",
            "countries",
            "country",
            "nations",
            "leaders",
            "governments",
            "lawmakers and regulators",
        ],
    ),
    // Countries name their governments ("Brazil banned X").
    (Accuser::Regulator, COUNTRIES),
    (
        Accuser::Employee,
        &[
            "whistleblower",
            "whistleblowers",
            "former employee",
            "former employees",
            "ex-employee",
            "ex-employees",
            "employee",
            "employees",
            "staff",
            "staffers",
            "workers",
            "former engineer",
            "former executive",
            "former staff",
            "insider",
            "insiders",
            "former manager",
            "current and former",
            "managers",
            "former moderator",
            "moderators",
            "contractors",
        ],
    ),
    (
        Accuser::Media,
        &[
            "reuters",
            "bloomberg",
            "the new york times",
            "new york times",
            "nyt",
            "the wall street journal",
            "wall street journal",
            "wsj",
            "the washington post",
            "washington post",
            "the guardian",
            "bbc",
            "financial times",
            "ft",
            "associated press",
            "ap",
            "afp",
            "cnbc",
            "cnn",
            "axios",
            "politico",
            "propublica",
            "the information",
            "the verge",
            "techcrunch",
            "wired",
            "gizmodo",
            "engadget",
            "404 media",
            "the intercept",
            "business insider",
            "insider",
            "the markup",
            "euronews",
            "the atlantic",
            "vox",
            "vice",
            "motherboard",
            "ars technica",
            "the register",
            "forbes",
            "fortune",
            "the times",
            "the telegraph",
            "le monde",
            "der spiegel",
            "nikkei",
            "tom’s hardware",
            "tom's hardware",
            "futurism",
            "semafor",
            "the daily beast",
            "npr",
            "cbs news",
            "nbc news",
            "abc news",
            "sky news",
            "cnet",
            "zdnet",
            "macrumors",
            "9to5mac",
            "9to5google",
            "mashable",
            "venturebeat",
            "techradar",
            "the new yorker",
            "rest of world",
            "platformer",
            "mother jones",
            "report by",
            "investigation by",
            "reporting by",
            "investigative",
            "outlet",
            "newspaper",
            "journal",
            "magazine",
            "journalists",
            "reporters",
            "media reports",
            "reports",
            "reported",
            "reporting",
        ],
    ),
    (
        Accuser::Researcher,
        &[
            "researcher",
            "researchers",
            "research",
            "study",
            "studies",
            "report",
            "analysis",
            "academic",
            "academics",
            "professor",
            "scientist",
            "scientists",
            "expert",
            "experts",
            "institute",
            "university",
            "security firm",
            "security researcher",
            "security researchers",
            "cybersecurity",
            "audit",
            "auditors",
            "watchdog group",
            "nonprofit",
            "non-profit",
            "ngo",
            "ngos",
            "think tank",
            "center for",
            "centre for",
            "foundation",
            "amnesty",
            "human rights watch",
            "electronic frontier foundation",
            "eff",
            "epic",
            "consumer reports",
            "citizen lab",
            "mozilla foundation",
            "access now",
            "noyb",
            "privacy international",
            "algorithmwatch",
            "found",
            "findings",
            "testing",
            "tests",
            "survey",
            "paper",
            "discovered",
            "vulnerability",
        ],
    ),
    (
        Accuser::Critic,
        &[
            "critic",
            "critics",
            "advocate",
            "advocates",
            "advocacy",
            "activist",
            "activists",
            "campaigner",
            "campaigners",
            "group",
            "groups",
            "coalition",
            "union",
            "unions",
            "workers of america",
            "auto workers",
            "teamsters",
            "rival",
            "rivals",
            "competitor",
            "competitors",
            "users",
            "customers",
            "consumers",
            "parents",
            "families",
            "investor",
            "investors",
            "shareholder",
            "shareholders",
            "opponents",
            "detractors",
            "artists",
            "authors",
            "creators",
            "publishers",
            "developers",
            "drivers",
            "victims",
            "residents",
            "doctors",
            "medical association",
            "association",
            "chair",
            "manager",
            "hedge fund",
            "some people",
            "many",
        ],
    ),
];

/// Verbs and phrases that carry a charge of wrongdoing.
pub const ALLEGATION_VERBS: &[&str] = &[
    "pressing charges",
    "pressed charges",
    "press charges",
    "presses charges",
    "filed charges",
    "brought charges",
    "allege",
    "alleges",
    "alleged",
    "alleging",
    "allegedly",
    "allegation",
    "allegations",
    "accuse",
    "accuses",
    "accused",
    "accusing",
    "accusation",
    "accusations",
    "charge",
    "charges",
    "charged",
    "charging",
    "sue",
    "sues",
    "sued",
    "suing",
    "fine",
    "fines",
    "fined",
    "fining",
    "penalty",
    "penalized",
    "penalised",
    "violate",
    "violates",
    "violated",
    "violating",
    "violation",
    "violations",
    "breach",
    "breached",
    "breaches",
    "breaching",
    "infringe",
    "infringes",
    "infringed",
    "infringing",
    "infringement",
    "misled",
    "mislead",
    "misleads",
    "deceived",
    "deceive",
    "deceptive",
    "illegally",
    "illegal",
    "unlawfully",
    "unlawful",
    "anticompetitive",
    "anti-competitive",
    "monopoly",
    "monopolist",
    "monopolies",
    "monopolize",
    "monopolise",
    "abuse",
    "abused",
    "abusing",
    "abusive",
    "exploit",
    "exploited",
    "exploiting",
    "harm",
    "harmed",
    "harmful",
    "harming",
    "harms",
    "endanger",
    "endangered",
    "failed to",
    "fails to",
    "failing to",
    "failure to",
    "refused to",
    "neglected",
    "negligent",
    "negligence",
    "discriminat",
    "defraud",
    "defrauded",
    "defrauding",
    "fraud",
    "fraudulent",
    "fraudulently",
    "scam",
    "tricked",
    "trick",
    "tricking",
    "manipulat",
    "spied",
    "spying",
    "surveil",
    "tracked",
    "tracking",
    "collected",
    "harvest",
    "secretly",
    "without consent",
    "without their consent",
    "did not consent",
    "didn't consent",
    "didn’t consent",
    "without permission",
    "bypass",
    "hijack",
    "hijacked",
    "vulnerability",
    "vulnerable",
    "flaw",
    "leak",
    "leaked",
    "exposed",
    "investigation into",
    "investigating",
    "investigate",
    "investigates",
    "probe",
    "probing",
    "probes",
    "inquiry into",
    "raid",
    "raided",
    "summoned",
    "ordered",
    "orders",
    "banned",
    "ban",
    "blocked",
    "blocking",
    "condemned",
    "condemns",
    "criticized",
    "criticised",
    "criticizes",
    "criticises",
    "slammed",
    "blasted",
    "blamed",
    "demanded",
    "urged",
    "scrutiny",
    "crack down",
    "cracks down",
    "cracking down",
    "ruled",
    "found that",
    "finds that",
    "concluded",
    "liable",
    "guilty",
    "misconduct",
    "wrongdoing",
    "faces",
    "faced",
    "facing",
    "lawsuit",
    "lawsuits",
    "complaint",
    "antitrust",
    "damages",
    "finding that",
    "misled",
    "malfunction",
    "malfunctions",
    "errors",
    "faulty",
    "unreliable",
    "linked to",
    "colluded",
    "collusion",
    "conspired",
    "conspiracy",
    "price-fixing",
    "price fixing",
    "overcharged",
    "gouging",
    "censor",
    "censored",
    "suppressed",
    "stifle criticism",
    "stifled criticism",
    "stifling criticism",
    "stifle dissent",
    "stifled dissent",
    "stifling dissent",
    "silence critics",
    "silenced critics",
    "silencing critics",
    "stifle competition",
    "stifled competition",
    "stifling competition",
    "throttled",
    "targeted",
    "addictive",
    "addicted",
    "dangerous",
    "unsafe",
    "insulting",
    "monetising",
    "monetizing",
    "appalling",
    "disgusting",
    "violation of",
    "questioning",
    "not enough",
    "far enough",
    "problematic",
    "broke the law",
    "broken the law",
    "breaking the law",
    "breaks the law",
    "flouted",
    "flouting",
    "flouts",
    "break the law",
    "locked out rivals",
    "locked out competitors",
    "shut out rivals",
    "shut out competitors",
    "foreclosed",
    "privacy nightmare",
    "invasion of privacy",
    "broke the rules",
    "broken the rules",
    "breaking the rules",
    "breaks the rules",
    "put at risk",
    "puts at risk",
    "putting at risk",
    "privacy at risk",
    "users at risk",
    "children at risk",
    "kids at risk",
    "consumers at risk",
    "lives at risk",
    "delisted",
    "outrage",
    "revoked",
    "restricted",
    "offence",
    "offences",
    "crime",
    "crimes",
    "criminal",
    "money laundering",
    "laundered money",
    "laundering money",
    "launder money",
    "drug trafficking",
    "selling narcotics",
    "sold narcotics",
    "selling drugs",
    "sold drugs",
    "bribery",
    "bribed",
    "embezzlement",
    "embezzled",
    "tax evasion",
    "evaded taxes",
    "suspect that",
    "suspects that",
    "suspected that",
    "suspected of",
    "complicity",
    "interference",
    "dissemination",
    "steered",
    "trapped",
    "duped",
    "lied",
    "hid",
    "concealed",
    "covered up",
    "cheated",
    "stole",
    "stolen",
    "misused",
    "misuse",
    "mishandled",
    "misinforming",
    "failure",
    "failures",
    "lapses",
    "ignored",
    "rigged",
    "hurt",
    "hurts",
    "unfair",
    "unfairly",
    "locking",
    "lock-in",
    "locked in",
    "profited",
    "profiting",
    "understated",
    "pressured",
    "exposing",
    "hook",
    "hooked",
    "not transparent",
    "lacked",
    "lacks",
    "without a legal basis",
    "unauthorized",
    "unauthorised",
    "reproduces",
    "copied",
    "scraped",
    "scraping",
    "cited",
    "citations",
    "cheat",
    "stealing",
    "theft",
    "looking into",
    "examining",
    "scrutinizing",
    "scrutinising",
    "reviewing",
    "controversial",
    "controversy",
];

/// Nouns that carry a charge only when the sentence describes it ("a
/// lawsuit alleging", "filed a complaint", "seeking damages"), not when it
/// mentions the case in passing ("the lawsuit relates to ...").
pub const WEAK_NOUN_CUES: &[&str] = &[
    "lawsuit",
    "lawsuits",
    "complaint",
    "suit",
    "damages",
    "breach",
    "breaches",
];

/// Words right after a weak noun cue that describe the charge.
pub const WEAK_CUE_NEXT: &[&str] = &[
    "alleging",
    "accusing",
    "claiming",
    "charging",
    "contending",
    "arguing",
    "over",
    "that",
    "against",
    "filed",
    "seeking",
    "says",
    "said",
    "states",
    "stated",
    "alleges",
    "alleged",
    "claims",
    "claimed",
    "accuses",
    "contends",
    "argues",
    "brought",
    "from",
    "by",
    "accused",
    "targeting",
    "of",
    "for",
];

/// Words shortly before a weak noun cue that make it a charge.
pub const WEAK_CUE_BEFORE: &[&str] = &[
    "filed",
    "file",
    "files",
    "filing",
    "faces",
    "faced",
    "facing",
    "face",
    "brought",
    "bring",
    "class-action",
    "antitrust",
    "seek",
    "seeks",
    "seeking",
    "sought",
    "award",
    "awarded",
    "pay",
    "paid",
    // "the target of several lawsuits".
    "target",
    "targets",
    "subject",
    "subjects",
    "in",
];

/// Verbs after which the accused company is the object ("sued Meta").
pub const OBJECT_VERBS: &[&str] = &[
    "accused",
    "accuses",
    "accuse",
    "accusing",
    "sued",
    "sues",
    "sue",
    "suing",
    "fined",
    "fines",
    "fine",
    "fining",
    "charged",
    "charges",
    "charge",
    "investigating",
    "investigate",
    "investigates",
    "probing",
    "penalized",
    "penalised",
    "banned",
    "bans",
    "ban",
    "blocked",
    "blocks",
    "ordered",
    "orders",
    "order",
    "raided",
    "raid",
    "summoned",
    "condemned",
    "criticized",
    "criticised",
    "criticizes",
    "criticises",
    "slammed",
    "blasted",
    "blamed",
    "urged",
    "told",
    "against",
    "into",
    "targeted",
    "targeting",
    "warned",
    "questioned",
    "attacked",
    "hit",
    "subpoenaed",
    "sanctioned",
    "punished",
    "barred",
    "forced",
    "compelled",
    "required",
    "asked",
    "pressed",
    "pressured",
    "demanded",
];

/// Openings that mark the writer's own hypothetical, not a charge.
/// Months and weekdays: capitalised, yet neither a person nor a company.
pub const DATE_WORDS: &[&str] = &[
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
];

pub const HEDGES: &[&str] = &[
    "if found",
    "if the allegations",
    "if true",
    "if proven",
    "if it is",
    "if it's",
    "if that",
    "if so",
    "if the",
    "should the",
    "were the",
    "it remains to be seen",
    "it's unclear",
    "it is unclear",
    "it’s unclear",
    "whether",
    "it's not clear",
    "it is not clear",
    "it’s not clear",
    "could potentially",
    "might",
    "may have",
    "it may be",
    "it might be",
    "it could be",
];

/// Openings that leave a ruling undecided ("Whichever way the judge
/// ultimately rules, ..."), whoever is quoted.
pub const UNDECIDED: &[&str] = &["whichever way", "whatever the outcome", "no matter how"];

/// Laws and proposals as the thing a company reacts to ("criticized the
/// government after it announced a bill"): regulation, not a charge against
/// the company, so the reaction is no response.
pub const LEGISLATION: &[&str] = &[
    "a bill",
    "the bill",
    "a new bill",
    "legislation",
    "proposed law",
    "proposed laws",
    "a law that would",
    "a new law",
    "proposed rules",
    "proposed regulation",
    "proposed regulations",
    "considering fining",
    "considering banning",
    "considering a ban",
    "proposed ban",
];

/// Sentences that talk about a lawsuit or probe as a topic without charging anyone.
pub const NEUTRAL_STARTS: &[&str] = &[
    "the claims in",
    "the case is",
    "the lawsuit is",
    "the case will",
    "the trial",
    // "The idea is that even if these companies can’t be sued over …, they
    // are liable for …": a legal theory explained, no one charged.
    "the idea is",
    "the theory is",
];

/// A table of phrases compiled once (Aho-Corasick), matched on word
/// boundaries in lower-cased text; [`phrases!`] keeps one per table.
pub struct PhraseSet {
    phrases: Vec<&'static str>,
    /// Every match, overlapping ones included.
    matcher: aho_corasick::AhoCorasick,
    /// The leftmost-longest match, for quick questions.
    leftmost: aho_corasick::AhoCorasick,
}

impl PhraseSet {
    pub fn new(phrases: Vec<&'static str>) -> PhraseSet {
        let matcher = aho_corasick::AhoCorasickBuilder::new()
            .kind(Some(aho_corasick::AhoCorasickKind::DFA))
            .build(&phrases)
            .expect("phrase tables compile");
        let leftmost = aho_corasick::AhoCorasickBuilder::new()
            .kind(Some(aho_corasick::AhoCorasickKind::DFA))
            .match_kind(aho_corasick::MatchKind::LeftmostLongest)
            .build(&phrases)
            .expect("phrase tables compile");
        PhraseSet {
            phrases,
            matcher,
            leftmost,
        }
    }

    /// Every occurrence on word boundaries, overlapping ones included:
    /// (position, index of the phrase in the table).
    pub fn find_all<'a>(&'a self, text: &'a str) -> impl Iterator<Item = (usize, usize)> + 'a {
        self.matcher.find_overlapping_iter(text).filter_map(move |m| {
            let index = m.pattern().as_usize();
            self.on_boundaries(text, m.start(), m.end(), index)
                .then_some((m.start(), index))
        })
    }

    pub fn any(&self, text: &str) -> bool {
        self.first(text).is_some()
    }

    /// The leftmost occurrence (the longest phrase there).
    pub fn first(&self, text: &str) -> Option<(usize, &'static str)> {
        // Quick path: the leftmost-longest matches, on word boundaries; a
        // longest match that fails its boundaries may hide a shorter one,
        // so then all matches are looked at.
        let m = self.leftmost.find(text)?;
        if self.on_boundaries(text, m.start(), m.end(), m.pattern().as_usize()) {
            return Some((m.start(), self.phrases[m.pattern().as_usize()]));
        }
        self.find_all(text)
            .map(|(at, i)| (at, self.phrases[i]))
            .min_by_key(|(at, p)| (*at, std::cmp::Reverse(p.len())))
    }

    fn on_boundaries(&self, text: &str, start: usize, end: usize, index: usize) -> bool {
        let before_ok = !text[..start].chars().next_back().is_some_and(is_word_char);
        let after_ok = !text[end..].chars().next().is_some_and(is_word_char) || is_stem(self.phrases[index]);
        before_ok && after_ok
    }

    /// The longest phrase occurring anywhere.
    pub fn longest(&self, text: &str) -> Option<&'static str> {
        self.find_all(text)
            .map(|(_, i)| self.phrases[i])
            .max_by_key(|p| p.len())
    }

    pub fn phrase(&self, index: usize) -> &'static str {
        self.phrases[index]
    }
}

/// The [`PhraseSet`] of a phrase table, compiled on first use.
#[macro_export]
macro_rules! phrases {
    ($list:expr) => {{
        static SET: std::sync::OnceLock<$crate::extract::lexicon::PhraseSet> = std::sync::OnceLock::new();
        SET.get_or_init(|| $crate::extract::lexicon::PhraseSet::new($list.to_vec()))
    }};
}

/// A table of words hashed once for lookup; [`words!`] keeps one per table.
pub struct WordSet {
    words: std::collections::HashSet<&'static str, std::hash::BuildHasherDefault<Fnv>>,
    /// Keyed by a word's length and first and last bytes: most words looked
    /// up are not in the set, and this says so without hashing.
    filter: Bits<64>,
}

impl WordSet {
    pub fn new(words: &[&'static str]) -> WordSet {
        let mut filter = Bits::default();
        for w in words {
            filter.insert(WordSet::key(w));
        }
        WordSet {
            words: words.iter().copied().collect(),
            filter,
        }
    }

    #[inline]
    fn key(word: &str) -> u32 {
        let bytes = word.as_bytes();
        let first = u32::from(bytes.first().copied().unwrap_or(0));
        let last = u32::from(bytes.last().copied().unwrap_or(0));
        (bytes.len().min(255) as u32) << 16 | first << 8 | last
    }

    #[inline]
    pub fn contains(&self, word: &str) -> bool {
        self.filter.may_contain(WordSet::key(word)) && self.words.contains(word)
    }
}

/// `64 × N` bits set by hashed keys (`N` a power of two): a filter that may
/// say yes to a key not put in, never no to one that was.
pub(crate) struct Bits<const N: usize>([u64; N]);

impl<const N: usize> Default for Bits<N> {
    fn default() -> Bits<N> {
        const { assert!(N.is_power_of_two()) };
        Bits([0; N])
    }
}

impl<const N: usize> Bits<N> {
    /// The top bits of a multiplicative hash, as many as index the bits.
    #[inline]
    fn bit(key: u32) -> usize {
        (key.wrapping_mul(0x9E37_79B1) >> (32 - (64 * N).trailing_zeros())) as usize
    }

    pub(crate) fn insert(&mut self, key: u32) {
        let bit = Bits::<N>::bit(key);
        self.0[bit / 64] |= 1 << (bit % 64);
    }

    #[inline]
    pub(crate) fn may_contain(&self, key: u32) -> bool {
        let bit = Bits::<N>::bit(key);
        self.0[bit / 64] & (1 << (bit % 64)) != 0
    }
}

/// FNV-1a: a fast hash for short words.
#[derive(Default)]
pub struct Fnv(u64);

impl std::hash::Hasher for Fnv {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        let mut h = if self.0 == 0 { 0xcbf2_9ce4_8422_2325 } else { self.0 };
        for b in bytes {
            h ^= u64::from(*b);
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
        self.0 = h;
    }
}

/// The [`WordSet`] of a word table, built on first use.
#[macro_export]
macro_rules! words {
    ($list:expr) => {{
        static SET: std::sync::OnceLock<$crate::extract::lexicon::WordSet> = std::sync::OnceLock::new();
        SET.get_or_init(|| $crate::extract::lexicon::WordSet::new($list))
    }};
}

/// `true` if `phrase` occurs in `lower` on word boundaries.
pub fn contains_phrase(lower: &str, phrase: &str) -> bool {
    find_phrase(lower, phrase).is_some()
}

/// The first position of `phrase` in `lower` on word boundaries. A few
/// phrases are stems ("discriminat") and also match as prefixes.
pub fn find_phrase(lower: &str, phrase: &str) -> Option<usize> {
    let mut from = 0;
    while let Some(start) = find_bytes(lower.as_bytes(), phrase.as_bytes(), from) {
        let end = start + phrase.len();
        let before_ok = !lower[..start].chars().next_back().is_some_and(is_word_char);
        let after_ok = !lower[end..].chars().next().is_some_and(is_word_char) || is_stem(phrase);
        if before_ok && after_ok {
            return Some(start);
        }
        from = start + phrase.chars().next().map_or(1, char::len_utf8);
    }
    None
}

/// Where `needle` first occurs in `hay` at or after `from`. The texts are
/// short, so scanning for the first byte beats setting up a two-way
/// searcher; on UTF-8, a match of a whole needle is on character boundaries.
fn find_bytes(hay: &[u8], needle: &[u8], from: usize) -> Option<usize> {
    let (&first, rest) = needle.split_first()?;
    let last_start = hay.len().checked_sub(needle.len())?;
    let mut i = from;
    while i <= last_start {
        let at = i + memchr::memchr(first, &hay[i..=last_start])?;
        if &hay[at + 1..at + needle.len()] == rest {
            return Some(at);
        }
        i = at + 1;
    }
    None
}

pub(crate) fn is_word_char(c: char) -> bool {
    is_alphanumeric(c) || c == '_'
}

/// [`char::is_alphanumeric`], answering the punctuation that fills news
/// text (’ “ ” — …, all in U+2000–U+206F), the replacement character
/// and the Latin, Greek and Cyrillic letters (below U+0800, a table made
/// once) without searching Unicode tables.
#[inline]
pub(crate) fn is_alphanumeric(c: char) -> bool {
    let i = u32::from(c) as usize;
    if c.is_ascii() {
        c.is_ascii_alphanumeric()
    } else if i < 0x800 {
        below_0800()[i / 64] >> (i % 64) & 1 == 1
    } else {
        // U+FFF0–U+FFFF: the replacement character of text that was not UTF-8.
        !('\u{2000}'..='\u{206F}').contains(&c) && !('\u{FFF0}'..='\u{FFFF}').contains(&c) && c.is_alphanumeric()
    }
}

/// Which characters below U+0800 are alphanumeric, a bit each.
fn below_0800() -> &'static [u64; 32] {
    static BITS: std::sync::OnceLock<[u64; 32]> = std::sync::OnceLock::new();
    BITS.get_or_init(|| {
        let mut bits = [0u64; 32];
        for (i, c) in (0..0x800u32).filter_map(|i| Some((i as usize, char::from_u32(i)?))) {
            bits[i / 64] |= u64::from(c.is_alphanumeric()) << (i % 64);
        }
        bits
    })
}

pub fn is_stem(phrase: &str) -> bool {
    matches!(
        phrase,
        "discriminat" | "manipulat" | "mischaracteriz" | "mischaracteris" | "misrepresent" | "distort" | "surveil"
    )
}

/// The first phrase of `list` found in `lower`.
pub fn first_of<'a>(lower: &str, list: &[&'a str]) -> Option<&'a str> {
    list.iter().copied().find(|p| contains_phrase(lower, p))
}

#[cfg(test)]
mod tests {
    #[test]
    fn phrases_are_found_on_word_boundaries() {
        assert_eq!(find_phrase("the company said it", "said"), Some(12));
        assert_eq!(find_phrase("unsaid, then said", "said"), Some(13));
        assert_eq!(find_phrase("café said", "said"), Some(6));
        assert_eq!(find_phrase("said", "said"), Some(0));
        assert_eq!(find_phrase("sai", "said"), None);
        assert_eq!(find_phrase("discriminatory", "discriminat"), Some(0));
        assert_eq!(find_phrase("", "x"), None);
    }

    use super::*;

    #[test]
    fn the_quick_alphanumeric_test_agrees_with_the_standard_one_on_every_character() {
        for c in (0..=0x10FFFF).filter_map(char::from_u32) {
            assert_eq!(is_alphanumeric(c), c.is_alphanumeric(), "{c:?}");
        }
    }

    #[test]
    fn phrases_match_on_word_boundaries() {
        assert!(contains_phrase("the ftc sued amazon", "sued"));
        assert!(!contains_phrase("the ftc pursued amazon", "sued"));
        assert!(contains_phrase("they discriminated against", "discriminat"));
        assert!(contains_phrase("meta didn’t share", "didn’t"));
        assert!(!contains_phrase("unsealed", "sealed"));
    }

    #[test]
    fn a_phrase_set_finds_the_leftmost_phrase_on_word_boundaries() {
        let set = PhraseSet::new(vec!["sued", "sue", "declined to comment", "declined", "discriminat"]);
        // "pursued" hides "sued" inside a word; the real one comes later.
        assert_eq!(set.first("the ftc pursued and sued amazon"), Some((20, "sued")));
        assert_eq!(set.first("meta declined to comment."), Some((5, "declined to comment")));
        assert_eq!(set.first("it discriminated"), Some((3, "discriminat")));
        assert_eq!(set.first("undeclined"), None);
        assert_eq!(
            set.longest("it declined, then declined to comment"),
            Some("declined to comment")
        );
        assert_eq!(set.find_all("sue and sued").count(), 2);
    }
}
