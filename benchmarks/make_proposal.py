"""Generate a large, realistic proposal for the benchmarks: 300 members, 60 activities.

Also 1,000 (keystroke) and 3,000 members (how cost grows): ``--members``.

    .venv/bin/python benchmarks/make_proposal.py OUT.ssa.json [--members 300] [--seed 2014]

The consortium spans the 33 programme countries of the rulebook ``ssa-2014``, with
organisations named the way they are at home (Łódź, Győr, Ștefan, Αθήνα, Köln …),
all four categories, a few umbrella organisations and associated partners, valid and
unique PICs, and 60 activities with leads and participants. It is a draft a large
alliance could really have: eligible, with a handful of role descriptions still
missing. The same seed always gives the same bytes (``generate`` is a pure function
of its arguments), so runs on different days measure the same file.
"""

from __future__ import annotations

import argparse
import random
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from ssa_wizard.model import FORMAT, VERSION, Activity, Partner, Plans, Project, Proposal  # noqa: E402
from ssa_wizard.rulebook import load as load_rulebook  # noqa: E402

SEED = 2014
MEMBERS = 300
ACTIVITIES = 60
DURATION = 36

#: Country -> (cities, VET provider names, sector bodies, regulators, others, contact names).
#: ``{city}`` is filled in; names are as an organisation would write them itself.
_LOCAL: dict[str, tuple[list[str], list[str], list[str], list[str], list[str], list[str]]] = {
    "AT": (["Wien", "Graz", "Linz", "Salzburg", "Innsbruck", "Klagenfurt am Wörthersee"],
           ["Höhere Technische Bundeslehranstalt {city}", "Berufsschule für Einzelhandel {city}"],
           ["Wirtschaftskammer Steiermark, Sparte Gewerbe und Handwerk", "Österreichischer Gewerbeverein {city}"],
           ["Bundesministerium für Bildung, Wissenschaft und Forschung – Abteilung Berufsbildung"],
           ["Arbeitsmarktservice {city}"], ["Jürgen Größl", "Theresa Pöschl", "Lukas Hölzl"]),
    "BE": (["Bruxelles", "Liège", "Gent", "Antwerpen", "Namur", "Leuven"],
           ["Institut d'Enseignement de Promotion Sociale de {city}", "Centrum voor Volwassenenonderwijs {city}"],
           ["Fédération des Entreprises de Belgique – section {city}", "Agoria Vlaanderen"],
           ["Service francophone des Métiers et des Qualifications", "Agentschap voor Kwaliteitszorg in Onderwijs en Vorming"],
           ["Forem – Centre de compétence {city}"], ["Amélie Lefèvre", "Pieter Van den Broeck", "Joëlle Mertens"]),
    "BG": (["София", "Пловдив", "Варна", "Бургас", "Русе"],
           ["Професионална гимназия по туризъм „Алеко Константинов“ – {city}", "Professional High School of Electronics {city}"],
           ["Българска стопанска камара – {city}", "Bulgarian Industrial Association, {city} branch"],
           ["Национална агенция за професионално образование и обучение"],
           ["Регионален център за развитие {city}"], ["Мария Петрова", "Georgi Dimitrov", "Елена Иванова"]),
    "CY": (["Λευκωσία", "Λεμεσός", "Λάρνακα", "Πάφος"],
           ["Τεχνική Σχολή {city}", "Higher Hotel Institute Cyprus, {city}"],
           ["Cyprus Chamber of Commerce and Industry", "Κυπριακός Σύνδεσμος Ξενοδόχων {city}"],
           ["Human Resource Development Authority of Cyprus (ΑνΑΔ)"],
           ["Δήμος {city} – Γραφείο Απασχόλησης"], ["Andreas Γεωργίου", "Ελένη Χριστοδούλου", "Nikos Charalambous"]),
    "CZ": (["Praha", "Brno", "Ostrava", "Plzeň", "České Budějovice", "Hradec Králové"],
           ["Střední průmyslová škola strojnická {city}", "Vyšší odborná škola a Střední odborná škola {city}"],
           ["Hospodářská komora České republiky – krajská komora {city}", "Svaz průmyslu a dopravy ČR"],
           ["Národní pedagogický institut České republiky"],
           ["Úřad práce ČR – krajská pobočka {city}"], ["Jiří Dvořák", "Kateřina Nováková", "Tomáš Čermák"]),
    "DE": (["Köln", "München", "Düsseldorf", "Nürnberg", "Lüneburg", "Görlitz", "Saarbrücken"],
           ["Berufskolleg für Technik und Gestaltung {city}", "Staatliche Berufsschule {city}"],
           ["Industrie- und Handelskammer zu {city}", "Handwerkskammer {city}"],
           ["Bundesinstitut für Berufsbildung (BIBB)", "Kultusministerkonferenz – Ausschuss für berufliche Bildung"],
           ["Bildungswerk der Sächsischen Wirtschaft gGmbH, {city}"], ["Jürgen Müller", "Sören Weiß", "Käthe Schröder"]),
    "DK": (["København", "Århus", "Odense", "Aalborg", "Esbjerg"],
           ["Erhvervsskolen {city}", "Teknisk Erhvervsskole Center {city}"],
           ["Dansk Industri – afdeling {city}", "Håndværksrådet"],
           ["Børne- og Undervisningsministeriet, Styrelsen for Undervisning og Kvalitet"],
           ["Jobcenter {city}"], ["Søren Kjærgaard", "Mette Østergård", "Bjørn Læsø"]),
    "EE": (["Tallinn", "Tartu", "Pärnu", "Narva", "Jõhvi"],
           ["{city} Kutsehariduskeskus", "Tallinna Teeninduskool"],
           ["Eesti Kaubandus-Tööstuskoda", "Eesti Infotehnoloogia ja Telekommunikatsiooni Liit"],
           ["SA Kutsekoda"], ["{city} Linnavalitsus"], ["Mart Sääsk", "Külli Tõnisson", "Jüri Pärn"]),
    "ES": (["Madrid", "Barcelona", "A Coruña", "Málaga", "León", "Cádiz", "Logroño"],
           ["Instituto de Educación Secundaria Politécnico de {city}", "Centro Integrado de Formación Profesional de {city}"],
           ["Cámara Oficial de Comercio, Industria y Servicios de {city}", "Confederación Española de Organizaciones Empresariales"],
           ["Instituto Nacional de las Cualificaciones (INCUAL)"],
           ["Fundación Estatal para la Formación en el Empleo – {city}"], ["José Ramón Núñez", "María Peña Ibáñez", "Íñigo Gómez"]),
    "FI": (["Helsinki", "Tampere", "Jyväskylä", "Hämeenlinna", "Oulu", "Seinäjoki"],
           ["Ammattiopisto {city}", "Koulutuskuntayhtymä {city}"],
           ["Teknologiateollisuus ry", "Kauppakamari {city}"],
           ["Opetushallitus – Utbildningsstyrelsen"], ["{city} kaupunki, työllisyyspalvelut"],
           ["Päivi Mäkelä", "Jyrki Hämäläinen", "Sanna Väänänen"]),
    "FR": (["Saint-Étienne", "Besançon", "Orléans", "Nîmes", "Créteil", "Angoulême"],
           ["Lycée professionnel des métiers de l'hôtellerie de {city}", "Centre de formation d'apprentis de {city}"],
           ["Chambre de commerce et d'industrie de {city}", "Union des métiers et des industries de l'hôtellerie"],
           ["France compétences – Commission de la certification professionnelle"],
           ["Pôle emploi – agence de {city}"], ["Hélène Lefèbvre", "François Bénard", "Cécile Ducœur"]),
    "GB": (["Manchester", "Cardiff", "Glasgow", "Belfast", "Leeds", "Bristol"],
           ["{city} College of Further Education", "City of {city} College"],
           ["Federation of Small Businesses, {city} region", "{city} Chamber of Commerce"],
           ["Office of Qualifications and Examinations Regulation (Ofqual)", "Scottish Qualifications Authority"],
           ["{city} City Council, Skills and Employment"], ["Siobhán O'Connor", "Rhys Llewellyn", "Mairéad Ní Bhriain"]),
    "GR": (["Αθήνα", "Θεσσαλονίκη", "Πάτρα", "Ηράκλειο", "Λάρισα", "Ιωάννινα"],
           ["Ινστιτούτο Επαγγελματικής Κατάρτισης {city}", "Επαγγελματικό Λύκειο {city}"],
           ["Εμπορικό και Βιομηχανικό Επιμελητήριο {city}", "Hellenic Federation of Enterprises (ΣΕΒ)"],
           ["Εθνικός Οργανισμός Πιστοποίησης Προσόντων και Επαγγελματικού Προσανατολισμού (ΕΟΠΠΕΠ)"],
           ["Δήμος {city}"], ["Γιώργος Παπαδόπουλος", "Μαρία Κωνσταντίνου", "Dimitris Alexíou"]),
    "HR": (["Zagreb", "Split", "Rijeka", "Osijek", "Čakovec"],
           ["Strojarska tehnička škola Fausta Vrančića, {city}", "Turistička i ugostiteljska škola {city}"],
           ["Hrvatska gospodarska komora – Županijska komora {city}", "Hrvatska obrtnička komora"],
           ["Agencija za strukovno obrazovanje i obrazovanje odraslih"],
           ["Hrvatski zavod za zapošljavanje, Područni ured {city}"], ["Ivana Kovačević", "Dražen Šimić", "Željka Perić"]),
    "HU": (["Győr", "Pécs", "Debrecen", "Székesfehérvár", "Kecskemét", "Nyíregyháza"],
           ["{city}i Szakképzési Centrum", "Széchenyi István Gépipari Technikum, {city}"],
           ["Magyar Kereskedelmi és Iparkamara – {city}", "Gépipari Tudományos Egyesület"],
           ["Nemzeti Szakképzési és Felnőttképzési Hivatal"],
           ["{city} Megyei Jogú Város Önkormányzata"], ["Szőke Zsófia", "Kovács Gábor", "Horváth Ödön"]),
    "IE": (["Dublin", "Cork", "Galway", "Limerick", "Dún Laoghaire"],
           ["{city} Education and Training Board", "Institute of Further Education, {city}"],
           ["Irish Business and Employers Confederation", "Skillnet Ireland – {city} network"],
           ["Quality and Qualifications Ireland (QQI)"], ["{city} Local Enterprise Office"],
           ["Aoife Ní Dhomhnaill", "Seán Ó Briain", "Caoimhe Walsh"]),
    "IT": (["Forlì", "Cantù", "Bolzano", "Città di Castello", "Ragusa", "Torino"],
           ["Istituto Tecnico Industriale Statale di {city}", "Centro di Formazione Professionale di {city}"],
           ["Camera di Commercio, Industria, Artigianato e Agricoltura di {city}", "Confartigianato Imprese {city}"],
           ["Istituto Nazionale per l'Analisi delle Politiche Pubbliche (INAPP)"],
           ["Comune di {city} – Assessorato al Lavoro"], ["Niccolò Lucà", "Chiara Bellò", "Nicolò Fabbrì"]),
    "LT": (["Vilnius", "Kaunas", "Klaipėda", "Šiauliai", "Panevėžys"],
           ["{city} technologijų mokymo centras", "Vilniaus turizmo ir prekybos verslo mokykla"],
           ["Lietuvos prekybos, pramonės ir amatų rūmų asociacija", "{city} prekybos, pramonės ir amatų rūmai"],
           ["Kvalifikacijų ir profesinio mokymo plėtros centras"], ["Užimtumo tarnyba, {city} skyrius"],
           ["Rūta Žilinskienė", "Jonas Petrauskas", "Gintarė Šimkutė"]),
    "LU": (["Luxembourg", "Esch-sur-Alzette", "Differdange", "Ettelbruck"],
           ["Lycée technique d'{city}", "École d'hôtellerie et de tourisme du Luxembourg"],
           ["Chambre des Métiers du Grand-Duché de Luxembourg", "Fédération des Artisans"],
           ["Ministère de l'Éducation nationale – Service de la formation professionnelle"],
           ["ADEM – Agence pour le développement de l'emploi, {city}"], ["Gaston Schëtter", "Léonie Wagner", "Jos Thill"]),
    "LV": (["Rīga", "Daugavpils", "Liepāja", "Jelgava", "Ventspils"],
           ["{city} Valsts tehnikums", "Rīgas Tūrisma un radošās industrijas tehnikums"],
           ["Latvijas Tirdzniecības un rūpniecības kamera", "Latvijas Elektrotehnikas un elektronikas rūpniecības asociācija"],
           ["Valsts izglītības satura centrs"], ["{city} pilsētas pašvaldība"],
           ["Ilze Bērziņa", "Mārtiņš Ozoliņš", "Līga Kalniņa"]),
    "MT": (["Valletta", "Paola", "Birkirkara", "Mosta"],
           ["Malta College of Arts, Science and Technology – {city} campus", "Institute of Tourism Studies, {city}"],
           ["The Malta Chamber of Commerce, Enterprise and Industry", "Malta Hotels and Restaurants Association"],
           ["Malta Further and Higher Education Authority"], ["Jobsplus {city}"],
           ["Ġorġ Borġ", "Marija Żammit", "Ċensu Galea"]),
    "NL": (["Utrecht", "Den Haag", "’s-Hertogenbosch", "Groningen", "Zwolle", "Enschede"],
           ["ROC Midden Nederland – vestiging {city}", "Koning Willem I College, {city}"],
           ["Koninklijke Metaalunie, regio {city}", "Kamer van Koophandel {city}"],
           ["Samenwerkingsorganisatie Beroepsonderwijs Bedrijfsleven (SBB)"],
           ["Gemeente {city} – Werk en Inkomen"], ["Anouk de Vries", "Daan van ’t Hof", "Eline Bakker"]),
    "PL": (["Łódź", "Kraków", "Gdańsk", "Wrocław", "Poznań", "Bielsko-Biała", "Białystok"],
           ["Zespół Szkół Ponadpodstawowych nr 2 im. Stefana Żeromskiego w {city}", "Centrum Kształcenia Zawodowego i Ustawicznego w {city}"],
           ["Regionalna Izba Gospodarcza w {city}", "Polska Izba Handlu"],
           ["Instytut Badań Edukacyjnych – Zintegrowany System Kwalifikacji", "Ośrodek Rozwoju Edukacji"],
           ["Powiatowy Urząd Pracy w {city}"], ["Małgorzata Wójcik", "Łukasz Żółkiewski", "Grzegorz Bąk"]),
    "PT": (["Lisboa", "Porto", "Coimbra", "Évora", "Braga", "Setúbal"],
           ["Escola Profissional de Hotelaria e Turismo de {city}", "Centro de Formação Profissional da Indústria Metalúrgica, {city}"],
           ["Associação Empresarial de Portugal", "Câmara de Comércio e Indústria de {city}"],
           ["Agência Nacional para a Qualificação e o Ensino Profissional (ANQEP)"],
           ["Câmara Municipal de {city}"], ["João Gonçalves", "Inês Conceição", "Antônio Simões"]),
    "RO": (["București", "Cluj-Napoca", "Iași", "Timișoara", "Brașov", "Constanța"],
           ["Colegiul Tehnic „Ștefan Procopiu” {city}", "Liceul Tehnologic de Turism {city}"],
           ["Camera de Comerț și Industrie {city}", "Asociația Națională a Agențiilor de Turism"],
           ["Autoritatea Națională pentru Calificări", "Centrul Național de Dezvoltare a Învățământului Profesional și Tehnic"],
           ["Agenția Județeană pentru Ocuparea Forței de Muncă {city}"], ["Ștefan Popescu", "Ioana Țăranu", "Mihai Șerban"]),
    "SE": (["Göteborg", "Malmö", "Västerås", "Örebro", "Linköping", "Jönköping"],
           ["Yrkeshögskolan {city}", "{city} Tekniska Gymnasium"],
           ["Teknikföretagen", "Handelskammaren {city}"],
           ["Myndigheten för yrkeshögskolan"], ["Arbetsförmedlingen {city}"],
           ["Åsa Öberg", "Björn Löfgren", "Märta Ångström"]),
    "SI": (["Ljubljana", "Maribor", "Celje", "Kranj", "Novo mesto"],
           ["Šolski center {city}", "Srednja šola za gostinstvo in turizem {city}"],
           ["Gospodarska zbornica Slovenije – Območna zbornica {city}", "Obrtno-podjetniška zbornica Slovenije"],
           ["Center RS za poklicno izobraževanje"], ["Zavod RS za zaposlovanje, Območna služba {city}"],
           ["Špela Žagar", "Matjaž Kovačič", "Nataša Čuk"]),
    "SK": (["Bratislava", "Košice", "Žilina", "Banská Bystrica", "Prešov", "Trenčín"],
           ["Stredná odborná škola strojnícka {city}", "Spojená škola – Stredná priemyselná škola {city}"],
           ["Slovenská obchodná a priemyselná komora – regionálna komora {city}", "Zväz automobilového priemyslu SR"],
           ["Štátny inštitút odborného vzdelávania"], ["Úrad práce, sociálnych vecí a rodiny {city}"],
           ["Ľubomír Šťastný", "Zuzana Kováčová", "Ďurko Hríbik"]),
    "IS": (["Reykjavík", "Akureyri", "Hafnarfjörður", "Selfoss"],
           ["Tækniskólinn – {city}", "Verkmenntaskólinn á {city}"],
           ["Samtök iðnaðarins", "Samtök ferðaþjónustunnar"],
           ["Menntamálastofnun"], ["Vinnumálastofnun {city}"],
           ["Guðrún Þórðardóttir", "Sigurður Ólafsson", "Þóra Jónsdóttir"]),
    "LI": (["Vaduz", "Schaan", "Balzers", "Triesen"],
           ["Berufs- und Weiterbildungszentrum {city}", "Liechtensteinische Berufsschule {city}"],
           ["Liechtensteinische Industrie- und Handelskammer", "Wirtschaftskammer Liechtenstein für Gewerbe, Handel und Dienstleistung"],
           ["Amt für Berufsbildung und Berufsberatung"], ["Gemeinde {city}"],
           ["Jürg Bühler", "Annemarie Wäfler", "Rüdiger Frömmelt"]),
    "NO": (["Bodø", "Tromsø", "Trondheim", "Bergen", "Ålesund", "Lillehammer"],
           ["{city} videregående skole", "Fagskolen i {city}"],
           ["Næringslivets Hovedorganisasjon (NHO), {city}", "Norsk Industri"],
           ["Utdanningsdirektoratet"], ["NAV {city}"],
           ["Øystein Ødegård", "Åse Strøm", "Bjørnar Lie"]),
    "TR": (["İstanbul", "İzmir", "Eskişehir", "Gaziantep", "Muğla", "Çanakkale"],
           ["{city} Mesleki ve Teknik Anadolu Lisesi", "{city} Turizm Meslek Yüksekokulu"],
           ["{city} Ticaret ve Sanayi Odası", "Türkiye Odalar ve Borsalar Birliği"],
           ["Mesleki Yeterlilik Kurumu (MYK)"], ["{city} Büyükşehir Belediyesi"],
           ["Ayşe Yılmaz", "Çağrı Öztürk", "Gülşen Doğan"]),
    "MK": (["Скопје", "Битола", "Охрид", "Тетово", "Штип"],
           ["СОУ „Кузман Шапкарев“ – {city}", "Vocational School for Tourism and Catering, {city}"],
           ["Стопанска комора на Северна Македонија", "Chamber of Commerce of {city}"],
           ["Центар за стручно образование и обука"], ["Агенција за вработување – {city}"],
           ["Марија Николовска", "Aleksandar Stojanovski", "Ѓорѓи Трајковски"]),
}

_UMBRELLAS = [
    ("BE", "European Association of Institutes for Vocational Training (EVBB) – Bureau européen", "Bruxelles"),
    ("LU", "European Forum of Technical and Vocational Education and Training (EfVET)", "Luxembourg"),
    ("DE", "Europäischer Verband beruflicher Bildungsträger e. V. – Geschäftsstelle Köln", "Köln"),
]

_SECTOR = "tourism"
_ACTIVITY_TITLES = {
    "skills_needs": ["Skills needs analysis in hotels and restaurants of {where}",
                     "Survey of digital skills gaps among tour operators in {where}"],
    "curriculum_design": ["Joint curriculum module: sustainable hospitality management ({where})",
                          "Design of an EQF level 4 unit on multilingual guest service ({where})"],
    "curriculum_delivery": ["Pilot course for 120 learners on green tourism in {where}",
                            "Blended delivery of the guest-experience module in {where}"],
    "mobility": ["Staff exchange of VET teachers with hotels in {where}",
                 "Work placements for learners in {where}"],
    "management": ["Project management, reporting and steering committee"],
    "dissemination": ["Dissemination, multiplier events and the alliance's web platform ({where})"],
    "other": ["Quality review by external experts ({where})"],
}
#: 60 activities by kind, in this order of frequency.
_KIND_PLAN = (["skills_needs"] * 10 + ["curriculum_design"] * 14 + ["curriculum_delivery"] * 14
              + ["mobility"] * 10 + ["management"] * 2 + ["dissemination"] * 6 + ["other"] * 4)

_ROLE_TEXT = {
    "vet_provider": ("Trains about {n} learners a year in the sector and will pilot the joint "
                     "curriculum in {city}; its teachers co-write the learning outcomes and "
                     "assess the learners of the pilot courses."),
    "sector_expertise": ("Represents about {n} companies of the sector around {city}; it brings "
                         "employers' views into the skills needs analysis and offers work "
                         "placements for the pilot learners."),
    "regulatory_body": ("Responsible for vocational qualifications nationally; it checks that the "
                        "new units fit the national qualifications framework and prepares their "
                        "recognition ({n} qualifications in its register)."),
    "other": ("Connects the alliance with about {n} jobseekers and local employers in {city} and "
              "spreads the results beyond the members."),
}
_EXPERTISE = ["Work-based learning, apprenticeships and the validation of non-formal learning.",
              "Hospitality management, food safety and multilingual guest service at EQF levels 3 to 5.",
              "Qualification frameworks, ECVET units and the quality assurance of assessment (EQAVET).",
              "Regional labour-market data, employer surveys and the forecasting of skills needs.",
              "Digital tools for bookings, revenue management and online reputation in small hotels."]


def _acronym(name: str, rng: random.Random) -> str:
    words = [w for w in name.replace("–", " ").replace("„", " ").split() if w[:1].isupper()]
    letters = "".join(w[0] for w in words)[:6] or name[:4]
    return letters.upper() + (str(rng.randint(1, 9)) if rng.random() < 0.3 else "")


def _email(contact: str, domain_hint: str, code: str) -> str:
    # Addresses are ASCII: fold the accents off the contact's name and the city.
    import unicodedata

    def fold(text: str) -> str:
        ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
        return "".join(ch for ch in ascii_text.lower() if ch.isalnum() or ch == " ").split()

    person = fold(contact) or ["info"]
    domain = "".join(fold(domain_hint)) or "school"
    tld = {"GB": "uk", "GR": "gr"}.get(code, code.lower())
    return f"{person[0]}.{person[-1]}@{domain[:18]}.example.{tld}"


def generate(members: int = MEMBERS, seed: int = SEED) -> Proposal:
    """The benchmark proposal: ``members`` members across the 33 programme countries."""
    rng = random.Random(seed)
    book = load_rulebook("ssa-2014")
    codes = list(book.programme_countries)
    if len(codes) != len(_LOCAL) or set(codes) != set(_LOCAL):
        raise SystemExit("the rulebook's programme countries differ from this script's table")
    per_country = {code: members // len(codes) for code in codes}
    for code in rng.sample(codes, members % len(codes)):
        per_country[code] += 1

    pics: set[int] = set()
    names: set[tuple[str, str]] = set()
    partners: list[Partner] = []

    def add(code: str, category: str, role: str, name: str, city: str, umbrella: bool = False) -> None:
        base, n = name, 2
        while (code, name) in names:  # the same school twice would be E-DUPLICATE-ORG
            name, n = f"{base} ({n})", n + 1
        names.add((code, name))
        pic = rng.randint(900_000_000, 999_999_999)
        while pic in pics:
            pic = rng.randint(900_000_000, 999_999_999)
        pics.add(pic)
        contacts = _LOCAL[code][5]
        contact = rng.choice(contacts)
        partners.append(Partner(
            id=f"p{len(partners) + 1}", name=name, acronym=_acronym(name, rng), country=code,
            city=city, pic=str(pic), category=category, role=role, umbrella=umbrella,
            contact_name=contact, contact_email=_email(contact, city, code),
            role_description=_ROLE_TEXT[category].format(n=rng.randrange(40, 4000, 10), city=city),
            expertise=rng.choice(_EXPERTISE)))

    umbrellas = {code: (name, city) for code, name, city in _UMBRELLAS}
    categories = ["vet_provider", "sector_expertise", "regulatory_body", "other"]
    for code in codes:
        cities, vet, sector, regulators, others, _contacts = _LOCAL[code]
        count = per_country[code]
        # Every country gets its trio first (E-COUNTRY-TRIO), then a realistic mix.
        plan = list(categories[:3]) + rng.choices(categories, weights=[5, 4, 1, 2], k=count - 3)
        if code in umbrellas:
            plan[-1] = "umbrella"
        for index, category in enumerate(plan):
            # The first member of a country is in its first city, under its first name
            # pattern: the names the benchmark promises (Łódź, Győr, Ștefan …) always occur.
            city = cities[0] if index == 0 else rng.choice(cities)
            role = "full"
            if code == "NL" and index == 0:
                role = "applicant"
            elif index >= 4 and rng.random() < 0.08:
                role = "associated"
            if category == "umbrella":
                name, city = umbrellas[code]
                add(code, "sector_expertise", "full", name, city, umbrella=True)
                continue
            patterns = {"vet_provider": vet, "sector_expertise": sector,
                        "regulatory_body": regulators, "other": others}[category]
            template = patterns[0] if index == 0 else rng.choice(patterns)
            add(code, category, role, template.format(city=city), city)

    # A draft: a few members have not described their role yet.
    for member in rng.sample(partners[1:], 4):
        member.role_description = ""

    full = [p for p in partners if p.role != "associated"]
    countries_by_code = {p.country: p for p in partners}
    activities: list[Activity] = []
    rng.shuffle(kinds := list(_KIND_PLAN))
    kinds.sort(key=lambda k: k == "management")  # management last, as a work plan lists it
    unassigned = [p.id for p in full]
    rng.shuffle(unassigned)
    for number, kind in enumerate(kinds, start=1):
        where = countries_by_code[rng.choice(codes)].city
        lead = rng.choice(full)
        # Larger alliances run larger activities (everyone still takes part somewhere);
        # the 300-member file is what it always was (scale 1).
        size = rng.randint(4, 18) * max(1, members // MEMBERS)
        # Everyone takes part somewhere (Q-TASKS): hand out the not-yet-busy first.
        chosen = [unassigned.pop() for _ in range(min(size // 2, len(unassigned)))]
        while len(chosen) < size:
            pick = rng.choice(partners).id
            if pick != lead.id and pick not in chosen:
                chosen.append(pick)
        chosen = [pid for pid in chosen if pid != lead.id]
        start = rng.randint(1, DURATION - 6)
        end = min(DURATION, start + rng.randint(3, 18))
        if kind == "management":
            start, end, lead = 1, DURATION, partners[0]
        activities.append(Activity(
            id=f"a{number}", kind=kind,
            title=rng.choice(_ACTIVITY_TITLES[kind]).format(where=where),
            description=("Partners from {n} countries work together on this; results are "
                         "shared on the alliance's platform in all partner languages.").format(
                n=len({next(p.country for p in partners if p.id == pid) for pid in chosen})),
            lead=lead.id, partners=chosen, start_month=start, end_month=end,
            evidence=("Eurostat tourism statistics, national vacancy data and an employer survey "
                      "of 900 small hotels." if kind == "skills_needs" else ""),
            purpose=("Teachers and learners practise the new units in a real workplace abroad, "
                     "which serves the objective of international skills." if kind == "mobility"
                     else "")))

    return Proposal(
        format=FORMAT, version=VERSION, rulebook="ssa-2014", language="en",
        project=Project(
            title="Green and digital skills for Europe's small hotels and tour operators – "
                  "a Sector Skills Alliance of 33 countries",
            acronym="GREENSTAY-33", sector=_SECTOR,
            objectives=["skills_and_qualifications", "quality_innovation_internationalisation",
                        "language_learning"],
            duration_months=DURATION, start_date="2027-01-01",
            summary=("Small hotels and tour operators across Europe lack staff with the green and "
                     "digital skills their guests now expect. The alliance identifies those "
                     "skills in 33 countries, designs joint curricula at EQF levels 3 to 5, "
                     "pilots them with 2,400 learners, and prepares their recognition in every "
                     "national qualifications framework.")),
        partners=partners, activities=activities,
        plans=Plans(
            quality_assurance="EQAVET indicators for every pilot course; external review twice a year.",
            recognition="The regulators of all 33 countries map the units to their frameworks.",
            sustainability="The curricula stay in the members' regular offer and on an open platform.",
            innovation="Micro-credentials for green hospitality, stackable across borders."))


def write(path: str | Path, members: int = MEMBERS, seed: int = SEED) -> Path:
    """Write the generated proposal to ``path`` (UTF-8 JSON, the file format) and return it."""
    path = Path(path)
    path.write_text(generate(members, seed).to_json(), encoding="utf-8")
    return path


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", help="the .ssa.json file to write")
    parser.add_argument("--members", type=int, default=MEMBERS)
    parser.add_argument("--seed", type=int, default=SEED)
    args = parser.parse_args(argv)
    write(args.out, args.members, args.seed)
    print(f"wrote {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
