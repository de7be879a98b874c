"""Word lists the quotation rules rely on.

Everything language-specific lives here, so the rules in :mod:`.finder` and
:mod:`.speakers` read as rules. The lists are English and deliberately general
(newswire vocabulary), not tuned to any one text.
"""

from __future__ import annotations

import re


def _set(words: str) -> frozenset[str]:
    """The words of ``words``: the lists below are written as plain text."""
    return frozenset(words.split())


def _forms(*bases: str) -> frozenset[str]:
    """Inflected forms of regular verbs: ``warn`` -> warn, warns, warned."""
    forms: set[str] = set()
    for base in bases:
        forms.add(base)
        if base.endswith("e"):
            forms |= {base + "s", base + "d"}
        elif base.endswith("y") and base[-2] not in "aeiou":
            forms |= {base[:-1] + "ies", base[:-1] + "ied"}
        elif base.endswith(("sh", "ss", "ch", "x")):
            forms |= {base + "es", base + "ed"}
        else:
            forms |= {base + "s", base + "ed"}
    return frozenset(forms)


#: Verbs that introduce or close direct speech, in every finite form.
SPEECH_VERBS: frozenset[str] = _set(
    """
    say says said tell tells told write writes wrote tweet tweets tweeted post posts
    posted shout shouts shouted quip quips quipped admit admits admitted deny denies
    denied reply replies replied vow vows vowed retort retorts retorted read reads
    slams slammed blasts blasted fumes fumed gushes gushed rages raged
    """
) | _forms(
    "estimate", "affirm", "indicate", "specify", "assure", "judge", "hammer", "denounce",
    "regret", "deplore", "assess", "repeat",
    "add", "ask", "warn", "state", "declare", "note", "insist", "argue", "explain",
    "claim", "answer", "respond", "continue", "recall", "observe", "remark", "announce",
    "acknowledge", "concede", "predict", "stress", "emphasize", "emphasise", "comment",
    "confirm", "assert", "maintain", "contend", "complain", "boast", "joke", "recount",
    "counter", "caution", "reiterate", "underline", "echo", "muse", "protest", "exclaim",
    "whisper", "scoff", "urge", "pledge", "promise", "suggest", "propose", "conclude",
    "mention", "demand", "plead", "sigh", "lament", "testify", "report", "inform", "disclose",
    "highlight", "evaluate", "vent", "recognise", "recognize", "ponder",
)  # fmt: skip

#: Forms that are more often nouns than verbs ("the call", "a post", "the claims").
_NOUN_LIKE = _set(
    """
    post posts note notes claim claims comment comments answer answers state states demand
    demands promise promises protest protests remark remarks tweet tweets echo echos counter
    counters sigh sighs joke jokes pledge pledges vow vows reply replies stress stresses
    caution cautions lament laments whisper whispers shout shouts quip quips boast boasts
    mention mentions recall recalls muse muses plead pleads retort retorts scoff scoffs
    admit deny urge urges continue continues conclude concludes maintain maintains
    judge judges estimate hammer hammers regret regrets repeat repeats report reports
    highlight highlights vent vents
    """
)
#: Past participles that do not end in "-ed" ("The memo, written by X, warned").
IRREGULAR_PARTICIPLES = _set(
    """
    written given taken seen known drawn shown spoken chosen driven broken beaten
    sent made held led built brought found
    """
)
#: Verbs in the past tense that do not end in -ed, for the subject of two
#: joined verbs ("The bailiff stood up and said …").
PAST_VERBS = _set(
    """
    stood sat rose got came went took gave made held led told spoke began ran fell felt
    kept brought thought drew wrote shook threw turned
    """
)
#: Verbs that say how words came out ("‘…,’ he laughs."): they attribute a
#: quotation in marks, never speech without marks ("Asked whether …, he laughed").
MANNER_VERBS = _set("laughs laughed smiles smiled grins grinned chuckles chuckled shrugs shrugged")
SPEECH_VERBS = (SPEECH_VERBS - _NOUN_LIKE) | MANNER_VERBS
#: Those words, which speak only right after a quotation and who said it
#: ("“…,” Dave recalls.", "“…,” she notes").
NOUN_LIKE_VERBS = _NOUN_LIKE
#: The bare forms of those words: verbs of speech after a plural subject
#: ("The researchers estimate that …", "Critics claim …").
PLURAL_VERBS = frozenset(w for w in _NOUN_LIKE if not w.endswith("s") or w == "stress")

#: Verbs that report speech without quoting it directly; they attribute a
#: quotation only from inside the same sentence, and they tell who spoke
#: (for "he said" later on). Words that are more often nouns only in the
#: past ("called", "termed", "pointed": "what critics call a “windfall”
#: tax" names a thing; "the points", "the terms").
REPORTING_VERBS: frozenset[str] = (
    SPEECH_VERBS
    | _set(
        """
        labelled labeled signalled signaled spoke speaks talked referred refers
        saying adding telling insisting arguing warning noting stressing claiming called calling
        describing dismissing branding labelling labeling terming accusing criticising
        criticizing praising hailing rejecting welcoming
        affirming emphasising emphasizing confirming explaining declaring announcing
        reiterating underlining underscoring assuring stating recalling lamenting
        termed branded pointed
        """
    )
    | _forms(
        "describe", "accuse", "dismiss", "criticize", "criticise", "praise", "welcome",
        "hail", "reject", "characterize", "characterise", "consider", "qualify",
    )
)  # fmt: skip

#: Personal pronouns that can be the subject of a speech verb.
PRONOUNS = frozenset({"he", "she", "they", "it"})
#: Object pronouns, as in "according to him", and the subject they stand for.
OBJECT_PRONOUNS = {"him": "he", "her": "she", "them": "they"}
#: Listeners between an inverted verb and its speaker ("told us Josef Marek").
LISTENER_PRONOUNS = frozenset({"us", "me", "him", "her", "them"})
#: Listeners of an inverted "told" that are no speaker ("…, – told journalists
#: the 67-year-old Halyna Myronenko", as translated copy writes).
LISTENER_NOUNS = frozenset({"journalists", "reporters", "correspondents", "media"})
#: Auxiliaries between the quotation and an inverted verb ("…, has affirmed X").
AUXILIARIES = frozenset({"has", "had", "have", "did", "does"})

#: First- and second-person words: in news prose they belong to the people
#: being quoted, so a sentence holding one is speech. Case-sensitive. "Our"
#: before the outlet's own people and pages ("told our correspondent", "our
#: readers") is the newspaper's voice, not a speaker's.
FIRST_PERSON = re.compile(
    r"\b(?:I|I'm|I’m|I've|I’ve|I'd|I’d|I'll|I’ll|me|my|My|myself|we|We|we're|we’re"
    r"|We're|We’re|we've|we’ve|We've|We’ve|we'll|we’ll|We'll|We’ll|us|ours"
    r"|(?:our|Our)(?!\s+(?:own\s+)?(?:correspondents?|reporters?|newspaper|paper|channel"
    r"|publication|editorial|agency|website|site|readers|viewers|listeners|sources?)\b)"
    r"|ourselves|you|You|your|Your)\b"
)

#: Heads of job titles, in either case ("President", "spokesperson").
TITLE_WORDS = _set(
    """
    president vice-president prime minister secretary spokesperson spokesman spokeswoman
    spokespeople adviser advisor chancellor chairman chairwoman chair governor mayor senator
    congressman congresswoman representative ambassador envoy general commander chief head
    prefect sub-prefect governor-general ombudsman registrar provost dean rector
    director leader king queen prince princess emperor pope cardinal bishop archbishop
    sheikh emir judge justice premier deputy lawmaker mp mep official officer analyst fellow
    researcher professor economist expert editor correspondent founder ceo cfo coo cto executive
    manager negotiator diplomat admiral colonel lieutenant sergeant captain major marshal
    attorney prosecutor counsel commissioner inspector auditor press councillor
    councilor alderman alderwoman councilmember councilwoman councilman supervisor
    assemblymember assemblyman assemblywoman engineer lawyer teacher doctor nurse farmer
    worker resident student
    owner activist campaigner organiser organizer coordinator historian scientist author
    journalist reporter columnist commentator consultant strategist pollster veteran member
    solicitor barrister defendant witness coroner detective magistrate candidate aide
    treasurer volunteer superintendent constable boss coach striker goalkeeper midfielder
    defender winger skipper player daughter son mother father wife husband sister brother
    widow widower uncle aunt cousin niece nephew grandson granddaughter grandmother
    grandfather partner friend neighbour neighbor colleague reader viewer listener passenger
    mum mom mam dad nan gran grandma granny grandad granddad grandpa stepson
    stepdaughter stepmother stepfather fiance fiancé fiancee fiancée girlfriend boyfriend
    shopkeeper pensioner commuter survivor victim patient customer tenant landlord landlady
    homeowner fisherman businessman businesswoman entrepreneur retiree mechanic electrician
    priest imam rabbi vicar whip mec speaker rapporteur taoiseach tánaiste tanaiste
    co-spokesperson co-spokesman co-spokeswoman co-chair co-chairman co-chairwoman
    co-founder co-leader co-president co-director co-host co-owner co-ceo co-author
    """
)

#: Capitalised titles that separate a role from the name after it
#: ("Finnish President | Alexander Stubb").
CAPITAL_TITLES = _set(
    """
    president vice-president prime minister secretary chancellor governor mayor senator
    representative ambassador envoy commander chief director king queen prince princess
    pope sheikh emir judge premier deputy spokesperson spokesman spokeswoman adviser
    advisor chairman chairwoman counsel attorney prosecutor commissioner officer analyst
    fellow professor economist correspondent editor ceo cfo coo cto gen sen rep gov lt col
    capt prof
    councillor councilor alderman alderwoman councilmember councilwoman councilman
    supervisor assemblymember assemblyman assemblywoman
    general admiral colonel lieutenant sergeant captain marshal lawmaker mp mep
    brig brigadier maj major adm cmdr sgt cpl detective supt superintendent insp
    inspector mec
    """
)

#: Last words of organisations' names ("Justice Department", "Security Council").
ORG_HEADS = _set(
    """
    department ministry office council committee court agency service services bureau
    commission institute university party army navy force forces command group house
    authority company firm bank board union association federation organisation
    organization government administration embassy consulate campaign club foundation
    centre center observatory alliance coalition network newspaper station school
    hospital police utility lender regulator tribunal mission airline insurer
    broadcaster akimat hokimiyat
    """
)

#: Nouns for a business: "the company said" is the last such organisation named.
CORPORATE_WORDS = _set(
    """
    company firm utility carrier airline lender insurer retailer operator manufacturer
    conglomerate supplier producer developer startup
    """
)

#: Words that make an organisation a public body, not a business.
PUBLIC_BODY_WORDS = _set(
    """
    ministry department agency authority regulator commission court council office
    police government parliament assembly party union tribunal army navy embassy
    inspectorate ombudsman prosecutor prosecutors
    """
)

#: Lower-case words that may sit inside a role ("national security adviser").
ROLE_WORDS = (
    _set(
        """
        press national security foreign defence defense policy senior junior deputy chief
        top former acting interim state federal regional local military intelligence
        economic finance trade energy interior justice health foreign-policy vice associate
        assistant principal special public campaign communications research party
        opposition government presidential royal
        """
    )
    | TITLE_WORDS
)

#: Groups of unnamed people, acceptable as the speaker of a marked quotation.
GROUP_WORDS = _set(
    """
    officials analysts diplomats residents witnesses sources experts critics lawmakers
    authorities police people observers investigators officers soldiers protesters voters
    aides advisers advisors economists scientists doctors activists leaders ministers
    prosecutors supporters volunteers campaigners lawyers farmers workers teachers nurses
    students parents locals traders investors executives researchers authors engineers
    pilots villagers relatives families survivors judges senators legislators negotiators
    organisers organizers fans players family magistrates jurors councillors councilors
    detectives inspectors firefighters paramedics medics academics clerics entourage allies
    """
)

#: Things that speak for someone ("the statement said", "the readout added").
DOCUMENT_WORDS = _set(
    """
    statement readout report post letter communique communiqué assessment analysis
    release memo note message document ministry department office agency government
    spokesperson spokesman spokeswoman institute committee council court army military
    company firm group bank union party commission authority board regulator utility
    lender tribunal
    """
)

#: Honorifics dropped from a speaker's name.
#: Nationalities copy uses for someone just named ("the Pole said"), as written.
NATIONALITY_NOUNS = _set(
    """Pole Spaniard Briton Brit Frenchman Frenchwoman Dutchman Dutchwoman Dane Swede
    Finn Norwegian German Italian American Argentine Argentinian Brazilian Portuguese
    Belgian Austrian Croat Serb Scot Welshman Irishman Irishwoman Australian Canadian
    Mexican Colombian Uruguayan Chilean Japanese Korean Nigerian Ghanaian Senegalese
    Moroccan Egyptian Turk Russian Ukrainian Czech Slovak Hungarian Romanian Bulgarian
    Greek Israeli Iranian Indian Pakistani Kenyan"""
)

#: Letters after a name that are no part of it ("Simon Archer KC").
POST_NOMINALS = frozenset(
    {"KC", "QC", "MP", "MEP", "MSP", "MS", "TD", "MLA", "MPP", "MNA", "OBE", "MBE", "CBE", "PhD"}
)

#: Styles written with "His" or "Her" before a title or a name ("His
#: Highness the Emir", "Her Excellency Mrs. …", "His Royal Highness").
STYLES = frozenset({"highness", "excellency", "majesty", "eminence", "holiness", "grace"})

#: Words of respect written after a name ("Malviya ji said", South Asian).
NAME_SUFFIXES = frozenset({"ji", "sahib", "saheb"})

HONORIFICS = frozenset(
    {"mr", "mrs", "ms", "miss", "dr", "sir", "dame", "mme", "m", "cllr", "madam", "madame", "mdm"}
    | {"shri", "sri", "smt", "shrimati", "kumari", "thiru", "selvi"}  # South Asian
)

#: Words that may stand between a subject and its verb ("Trump has repeatedly said").
BETWEEN_SUBJECT_AND_VERB = _set(
    """
    has had have was is will would also later then again previously once repeatedly
    reportedly earlier often further separately too himself herself themselves itself
    already recently subsequently simply just only first initially originally publicly
    privately openly twice never nevertheless nonetheless however still though instead
    """
)

#: Words in -ly that are no adverbs: "The Vance family said" is the family.
LY_NOUNS = _set(
    """
    family assembly ally rally supply reply anomaly monopoly folly jelly belly bully lily
    holly homily melancholy italy july fly
    """
)

#: Words that may start what follows an attribution before the sentence ends
#: ("..., Zelenskyy said at a news conference in Helsinki.").
TRAILING_STARTERS = _set(
    """
    in on at during after before when while from to with via through late later earlier
    afterwards afterward yesterday today tonight last this next on monday tuesday wednesday
    thursday friday saturday sunday adding noting according referring speaking citing
    without as who whose which where of outside inside near upon over under amid by
    """
)

#: Words that open a phrase of time before a sentence's subject, with no
#: comma: prepositions ("At one point Judge Rask …", "On Tuesday Ms Okoro …")
#: and adverbs ("Later the minister …").
TIME_PREPOSITIONS = _set("at on in during after before by early late")
TIME_ADVERBS = _set("later earlier then meanwhile afterwards afterward yesterday today")

#: Prepositions that may open a sentence whose verb comes before its
#: subject, as copy translated from a language that puts the verb second
#: writes it ("Against the NOS said Vermeulen: …", "In the chamber said the
#: minister: …"): the words after them are never the verb's subject.
OPENING_PREPOSITIONS = TIME_PREPOSITIONS | _set(
    "against to for with from opposite towards toward about despite among under over through"
)

#: Verbs of speech that say something else before "to": "the islands
#: respond to warming", "answer to nobody", "prices continued to rise".
NOT_SPEECH_BEFORE_TO = _forms("respond", "answer", "continue")

#: Adverbs of place and time that may follow a verb of speech before the
#: sentence ends or a trailing phrase opens ("Kjeldsen said onstage.",
#: "she said live on stage at the expo").
SPEECH_ADVERBS = _set(
    """
    onstage offstage backstage overnight elsewhere online offline live abroad here there
    again too once twice
    """
)

#: Words after which quoted words are a label, not speech ("the so-called ...").
LABEL_CUES = re.compile(
    r"(?:so-called|so called|dubbed|known as|termed|labelled|labeled|nicknamed|titled"
    r"|entitled|named|the word|the words|the term|the phrase|slogan"
    r"|(?:calls?|calling|called)\s+(?:itself|themselves|himself|herself)"
    r"|\b(?:a|an)\s+(?:[\w-]+\s+){1,3}called)\s*$",
    re.IGNORECASE,
)

#: Abbreviations whose full stop does not end a sentence.
ABBREVIATIONS = _set(
    """
    mr mrs ms dr st gen sen rep gov lt col sgt capt prof jr sr inc co corp ltd no vs
    jan feb mar apr aug sep sept oct nov dec mt ft messrs mme adm cmdr maj pres
    brig cpl pvt supt insp det rev hon amb atty
    """
)

#: Name particles that may sit inside a person's name ("Ursula von der Leyen").
NAME_PARTICLES = frozenset(
    {"de", "da", "di", "du", "von", "van", "der", "den", "la", "le", "al", "bin", "ibn"}
    | {"del", "della", "delle", "dal", "dalla", "dei", "degli", "dos", "das"}
)

#: Small words a title in marks keeps in lower case, in English and in other
#: languages ("Le Courrier de la Varenne", "Corriere della Sera").
TITLE_SMALL_WORDS = NAME_PARTICLES | _set("a an the of in on and or for to at with des dello y et")

#: Small words allowed inside an organisation's or a role's name.
CONNECTORS = frozenset({"of", "for", "the", "and", "&"}) | NAME_PARTICLES

#: Portfolio words that follow "Secretary of" / "Minister of" and are part of
#: the role, not the name ("Secretary of State Marco Rubio").
PORTFOLIO_WORDS = _set(
    """
    state defense defence foreign affairs interior justice health finance treasury
    commerce energy homeland security economy trade agriculture education labor labour
    transport transportation home office staff joint chiefs war the
    housing infrastructure communities environment culture tourism sport sports development
    industry governance traditional cooperative local government fisheries forestry water
    sanitation works planning public services human resources social welfare women youth
    science technology innovation digital climate rural urban regional veterans immigration
    citizenship employment work pensions media sport care business skills levelling
    solidarity economic investment cooperation irrigation petroleum mineral minerals mines
    mining manpower emigration scientific communications aviation production electricity
    renewable utilities parliamentary religious endowments antiquities reclamation ports
    shipping maritime municipal municipalities wildlife
    """
)

#: Quotation mark characters: openers, closers, and the ambiguous straight quote.
OPENERS = frozenset("“„«‹")
CLOSERS = frozenset("”»›")
AMBIGUOUS = frozenset('"')
QUOTE_MARKS = OPENERS | CLOSERS | AMBIGUOUS
#: Dashes that set an aside or an attribution off ("Nell — never Eleanor — left"),
#: two hyphens among them, as typewriter and plain-text wire copy write a dash.
DASHES = frozenset({"–", "—", "--"})
#: What sets an attribution off from the quotation before it ("…,” said X",
#: "…?” she asked"; a spaced hyphen too, the dash of typewriter and
#: machine-translated copy), and all that may stand between them, marks and
#: a full stop included.
SET_OFF = frozenset(",?!…-") | DASHES
BEFORE_ATTRIBUTION = SET_OFF | QUOTE_MARKS | {"."}

#: Verbs that may ask someone to do something ("urged the council to wait").
ASKING_VERBS = _set("tell tells told ask asks asked warn warns warned urge urges urged")
#: Verbs that take a listener before the rest of the clause ("told reporters",
#: "informed PAP"); after "inform", "to" names the listener ("informs X to NNB").
OBJECT_VERBS = ASKING_VERBS | _forms("inform")

#: Capitalised words that never start or make up a speaker's name.
NOT_NAMES = _set(
    """
    the a an this that these those it he she they we i you but and or so yet in on at for no.
    with after before when while if both all some many most other others everyone nobody
    no not as despite speaking asked according meanwhile however also still there here
    his her their its our my your one two three four five six seven eight nine ten then
    monday tuesday wednesday thursday friday saturday sunday january february march april
    may june july august september october november december today yesterday tonight
    earlier later last next instead indeed why what who how where which whose
    i've i’ve i'm i’m i'd i’d i'll i’ll we've we’ve we're we’re we'd we’d we'll we’ll
    """
)

#: Words that begin a parenthetical rather than a role after a comma.
NOT_ROLES = _set(
    """
    who whose which where when while for in at on with without speaking however meanwhile
    too also though although because as after before during according adding noting
    referring citing if but and or so then still again
    """
)

#: Days and months, which end a speaker's name ("said Stubb on Wednesday").
CALENDAR = _set(
    """
    monday tuesday wednesday thursday friday saturday sunday january february march april
    june july august september october november december
    """
)
