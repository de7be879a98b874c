"""Small word lists the linker and the suggest command consult.

``COMMON`` holds frequent English words. A registered name or surname that is
one of them (``Brown``, ``Apple``, ``Bush``, ``May``, ``Young``) is linked only
where the text plainly uses it as a name: never in lowercase, and at the start
of a sentence only when the article already mentioned the entity. The list is
deliberately broad on words that double as surnames, companies and places, and
says nothing about words that are rarely ordinary (``Congress``, ``Kremlin``).
An entity file can override it per alias with ``common: true`` or ``false``.
"""

from __future__ import annotations


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


#: Months and days of the week: capitalised everywhere, so capital letters say
#: nothing about whether ``May`` is a person.
CALENDAR = _words(
    """
    january february march april may june july august september october november
    december monday tuesday wednesday thursday friday saturday sunday
    """
)

#: Ordinary English words that are also the one-word names of places (or of
#: wines, cheeses and cloths named after them): such a name is never matched
#: in lowercase, even after the article has named the place ("the vote split
#: the council" in a story about Split). Words already in ``COMMON`` are not
#: repeated here.
PLACE_WORDS = _words(
    """
    aurora boulder bend bikini bologna bordeaux brie buffalo burgundy bury canary
    cardigan cayenne champagne chad cheddar chile china cognac cologne concord
    cork derby eye fez guernsey guinea hull independence java jersey lens
    liberty lima madeira mobile oxford panama parma phoenix providence reading
    rugby rye spa speed split tours turkey ware wells
    """
)

#: Words before a month or day that show it is a date ("in May", "on Friday").
DATE_PREPOSITIONS = _words(
    """
    in on by since until till before after during from through throughout early
    late mid last next this that every each of around about
    """
)

COMMON = CALENDAR | _words(
    """
    a about above across act add after again against age ago agree ahead aid air
    all allow almost alone along already also although always am among an and
    angel angle another answer any apple april area arm army around art as ask at
    away back bad baker bank bar base basin bath battle bay be beach bear beat
    became because become bed been before began begin behind being bell below
    bench berry best better between big bill bird bishop black blair blank block
    blow blue board boat body bond book born both bottom bowl box boy branch
    brand brave bread break bridge bright bring broad brook brother brown brush
    build burn bush business busy but buy by call came camp can cannon cap
    capital car card care carpenter carry case cash castle cat catch cause cell
    center central centre chain chair chance change chapel charge chase cheap
    check chief child church city claim clark class clay clean clear clerk
    cliff climb close cloud coach coal coast cold cole collins come common
    company cook cool cooper copper corn corner cost could count country court
    cover cox crane cross crow crown cry cup cut dale dance dark date daughter
    day dead deal dean dear deep delay deny desk dial did die direct do does dog
    dole done door doubt down draw dream dress drew drink drive drop drum dry
    duck due duke during dust each eagle earl early earth east easy eat edge
    eight either else end energy enough even evening ever every face
    fact fair faith fall far farm farmer fast father fear feel fell few field
    fight figure fill final find fine fire first fish fisher five flat fleet
    floor flow flower fly follow food foot for force ford forest form fort
    forward four fox frank free fresh friend from front frost fruit full game
    gap garden gate gave general get gift girl give glad glass go god gold golden
    good goodman got grace grand grant grass gray great green grey ground group
    grove grow guard guest guide gun had hair half hall hammer hand happy hard
    harder has hat have hawk he head hear heart heat heavy held help her here
    high hill him his history hit hold hole holiday holly home hood hope horn
    horse hot hour house how however hunt hunter i ice idea if in inch iron is it
    its jack jay job join joy judge july june just keen keep key kid kind king
    kiss knight know lake lamb land lane large last late law lay lead leaf lean
    learn least leave left leg less let letter level lie life light like lily
    line lion list little live lock long look lord lose lost lot love low luck
    made main major make man many march mark market marsh mason master match
    matter may me mean meet member men middle might mile mill miller mind mine
    minute miss model money month moon moore more morning moss most mother mount
    mountain mouth move much must my name nation near need never new news next
    nice night nine no noble none noon nor north not note nothing now number nurse
    oak object of off office often oil old on once one only open or orange order
    other our out over own page paint pair palace paper park part party pass past
    path pay peace pearl penny people person pick piece pierce pike pine pit
    place plain plan plant play please plot plus point pole pool poor pope port
    post pound power present press price prince print problem program proud pull
    put queen quick quiet race rain raise range rather ray reach read ready real
    reason red reed rest rice rich ride right ring rise river road robin rock
    rose round row royal rule run rush sage said saint sale salt same sand save
    saw say sea season second see seed seem self sell send sense serve set seven
    shade shall shape sharp she shell shepherd ship shore short should show side
    sign silver simple since sing single sir sister sit six size skin sky slow
    small smart smith snow so soft some son song soon sound south space speak
    speaker spring square staff stage stand star start state station stay steel
    step stern steward still stock stone stop store storm story strange street
    strong such summer sun sure swan sweet swift table tail take talk tall taylor
    teacher tell ten than that the their them then there these they thing think
    this those though thousand three through time to today together told tom too
    took top tower town trade tree true try turn turner twelve two under union
    unit until up upon us use valley very view village voice wait walk wall
    walker want war ward warm was wash watch water way we weaver well were west
    what wheel when where which while white who whole why wide wild will win
    wind window winter wise wish with wolf wood word work world would write
    wright yard year yellow yes yet you young your
    afterwards afterward also although asked besides despite earlier elsewhere
    eventually finally hence initially instead later likewise meanwhile
    moreover nevertheless nonetheless notably overnight perhaps previously
    recently separately still therefore thus tomorrow tonight ultimately unlike
    whereas yesterday
    amid amidst beneath beside beyond except including maybe neither nowadays onto
    sometimes throughout toward towards unless whatever whenever wherever whether
    whilst whoever within without hers ours yours theirs whose
    """
)

#: Words of two letters that are ordinary English (interjections, "OK",
#: "ex") though :data:`COMMON` leaves them out: such a word is never a
#: first surname alone ("Oh" of a "Grace Oh Min-ji"), while "Ho", "Ng",
#: "Lo", "Wu" and "Li" of Cantonese names are.
TWO_LETTER_WORDS = _words("ah eh oh ok uh um hi ha yo ye ex ox id")

#: Given names as copy abbreviates them with a full stop ("Ma." for María
#: in "Rep. Ma. Lourdes Cuenca", "Wm." for William): such a word that is
#: also a person's family name ("Ma" of "Ma Lianshu") is no mention there.
NAME_ABBREVIATIONS = _words("ma wm chas thos jas geo")

#: Personal pronouns: a name that reads as one ("He" of "He Lifeng") is
#: never a mention where a sentence may start, even once the article has
#: named the person ("He said" is a pronoun there; "Vice Premier He" and
#: "Dr. He" are the name).
PRONOUNS = _words("i me my you your he him his she her it its we us our they them their")

#: Titles and roles: a capitalised word before a surname that does not make
#: it someone else's surname ("President Trump", "Secretary Rubio"), the
#: initials copy writes for the commonest ("PM Bao", "MP Kowalski"), and
#: police and military ranks as British, Irish, Australian and New Zealand
#: copy abbreviates them without a full stop ("Det Insp Gillies", "Supt
#: Okafor", "Snr Const Reid", "Cpl Ngata"), and the Philippine abbreviations
#: of undersecretary, assistant secretary and attorney ("Usec Villaraza",
#: "Asec Manalo", "Atty. Reyes"), and the honorifics that Thai and Malay
#: names take before the given name ("Khun Jirayu", "Encik Razak"), and the
#: "Comrade" of party and state media, before a full name, a surname or a
#: Vietnamese given name ("Comrade Hân", "Cde Moyo"): none of them an
#: ordinary word.
TITLES = _words(
    """
    president vice prime minister secretary foreign defense defence interior
    finance spokesman spokeswoman spokesperson ambassador envoy chancellor
    governor mayor general gen senator sen representative rep congressman
    congresswoman chief commander adviser advisor press deputy special acting
    former late king queen prince princess pope cardinal archbishop bishop
    father sister brother judge justice attorney director chairman chairwoman
    chair ceo leader speaker premier minister mr mrs ms miss dr doctor professor
    prof lord lady sir dame colonel col captain capt lieutenant lt sergeant sgt
    admiral marshal officer agent inspector detective sheriff rabbi imam rev
    reverend saint st shri sri smt shrimati kumari thiru selvi sheikh sheikha
    councilmember councilwoman councilman councillor councilor alderman
    alderwoman supervisor commissioner assemblymember assemblyman assemblywoman
    selectman selectwoman trustee
    superintendent constable corporal brigadier commodore
    insp supt det const snr cmdr cdr adm maj cpl pte pvt ldr
    usec asec atty
    khun encik comrade cde madam madame mdm mme
    pm dpm fm vp mp cm cs ag
    """
)

#: Adjectives of nationality, party or institution that often stand right
#: before a surname ("Ukrainian Zelenskyy", "Republican Trump"): not a given
#: name, so not a sign of another person.
DESCRIPTORS = _words(
    """
    afghan american australian austrian belarusian belgian brazilian british
    bulgarian canadian chinese communist conservative croatian czech danish
    democrat democratic dutch egyptian emirati english estonian european
    finnish french georgian german greek hungarian indian iranian iraqi irish
    israeli italian japanese kazakh korean kremlin labour latvian liberal
    lithuanian mexican moldovan norwegian pakistani polish qatari republican
    romanian russian saudi scottish serbian slovak soviet spanish swedish swiss
    syrian tory turkish ukrainian welsh western
    """
)

#: Abbreviations whose full stop does not end a sentence.
ABBREVIATIONS = _words(
    """
    mr mrs ms dr prof sen rep gen col capt lt sgt gov st jr sr vs etc no nos inc
    ltd co corp dept fig approx est jan feb mar apr jun jul aug sep sept oct nov
    dec mt ft rev hon adm maj cmdr brig pres usec asec atty
    """
)

#: Family names that Chinese, Korean and Vietnamese names put first ("Xi
#: Jinping" is Xi): for two-word names whose other word has one or two
#: syllables, as those given names have ("Ren Fujisaki" is a Japanese name
#: in Western order: Fujisaki). Not those that are also common
#: given names in English copy ("Lee", "Kim", "Bo", "Do", "Dai", "Yu"), nor
#: those that are frequent English words opening a sentence ("Long", "Fan").
#: Those that are ordinary words ("Song") are linked as such (see
#: ``COMMON``), and "He" never where a sentence may start (see ``PRONOUNS``).
FAMILY_FIRST = _words(
    """
    xi li wang zhang liu chen yang huang zhao zhou wu xu sun hu guo lin luo gao zheng
    liang xie tang feng deng cao peng zeng xiao tian dong pan yuan cai jiang du ye
    cheng wei su ding ren shen yao cui zhong qin wen hua
    ma zhu he song han lu jin shi gu kong lai qian qiu jia xia fu fang bai tan meng
    yan xue zou duan lei hou yin xiong shao
    park choi jung jeong kang cho yoon jang lim shin seo kwon hwang ahn yoo hong jeon
    moon son bae baek
    nguyen tran pham hoang vu vo bui ngo duong
    """
)

#: Vietnamese family names, for names of three words or more ("Nguyen Van
#: Hung", "Lê Thị Thu Hà"), compared folded and in lowercase: such a name
#: puts the family name first, and its last word is the given name people
#: are called by ("Mr Hung"); "Van" and "Thi" are middle names there, no
#: particles.
VIETNAMESE_FAMILY = _words(
    """
    nguyen tran le pham hoang huynh phan vu vo dang bui do ho ngo duong dinh
    truong trinh doan
    """
)

#: Words that make "<Word> of <place>" an institution's name ("University
#: of Lagos", "Bank of England"), not a mention of the place.
INSTITUTIONS = _words(
    """
    university college school institute academy bank museum hospital cathedral
    church library conservatory polytechnic seminary
    """
)

#: Words that, after a leader's surname, name their government or their time
#: in office ("the Trump Administration", "the Putin Government", "the Blair
#: Era"): the person's own, not part of another person's name.
TENURE_WORDS = _words(
    "administration government cabinet presidency premiership regime era campaign"
)

#: Words that, following a registered name, show that the name is part of a
#: longer one ("Washington Post", "Kyiv Independent", "Trump Tower").
CONTINUATIONS = _words(
    """
    post times independent today tower towers university college school institute
    oblast region province county district street avenue road square airport
    station stadium arena fleet express journal herald tribune gazette daily
    news telegraph observer chronicle review monitor group company corporation
    corp inc ltd bank club foundation centre center accords accord agreement
    memorandum declaration convention treaty hotel hospital museum theater
    theatre capitals commanders nationals wizards organization organisation
    enterprises holdings palace plaza building doctrine
    """
)

#: Particles that belong to a surname ("von der Leyen"), compared in lower
#: case: Irish and Scottish ones too ("Ó Briain", "Ní Riada", "Mac Lochlainn").
PARTICLES = _words(
    "von van der den de del della delle dal dalla dei degli di da dos das du la le "
    "bin ibn bint abu al el ter ten "
    "ó o' ní nic mac mc ua uí"
)

#: Particles of Portuguese, Spanish and French surnames that copy drops
#: when it names the person by the surname alone ("Almeida" for Vaz de
#: Almeida, "Villepin" for de Villepin), compared in lower case; not those
#: of Dutch, German or Italian names ("Leyen" is never von der Leyen).
DROPPED_PARTICLES = _words("de da das dos")

#: Particles of Arabic and Maghrebi names that make the word after them a
#: father's given name ("Talal bin Sultan Al-Rawahi" is Talal, son of
#: Sultan, of the Al-Rawahi family), compared in lower case: that word is
#: never a surname of its own, nor the first of two.
PATRONYMIC_PARTICLES = _words("bin ibn bint ben ould")

#: The Arabic article as a surname carries it, joined by a hyphen ("al-Tayeb",
#: "el-Sisi", and assimilated, "ash-Sharaa", "ad-Darazi"): wire copy often
#: drops it ("Tayeb said").
ARABIC_ARTICLES = _words("al el ad ar as ash at az an")

#: Endings of the patronymics of East Slavic names, as English, German and
#: French copy writes them ("Olga Petrovna Zaitseva", "Wladimirowitsch").
PATRONYMIC_ENDINGS = tuple(
    _words("ovich evich ovych evych ovitch evitch owitsch ewitsch ovna evna owna ewna ivna ichna")
)

#: Name suffixes: not a surname, and after a full name a sign of another person.
SUFFIXES = _words("jr jr. sr sr. ii iii iv")

#: Words that make a suggested name an organisation or a place.
ORGANIZATION_HINTS = _words(
    """
    agency association authority bank board bureau centre center coalition
    college commission committee company consortium corporation council court
    department force forces foundation fund group guard institute institution
    league ministry movement network observatory office organization
    organisation parliament party press service society union university
    """
)
PLACE_HINTS = _words(
    """
    bay city coast county district gulf island islands lake mountain mountains
    oblast ocean peninsula province region republic river sea strait territory
    valley village
    """
)
