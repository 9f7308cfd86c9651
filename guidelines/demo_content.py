"""Demo guidelines and content strategy for Ambassador Academy, in Dutch and English.

Pure data for the fictional demo organisation Vermeer Techniek, an engineering and installation
company for sustainable buildings. GUIDELINES holds two guideline pages ("Social media
guidelines" and "Privacy and photos"); their sections are (type, value) tuples of the kinds
"principles", "dos_and_donts", "disclosure", "confidentiality", "negative_reactions",
"network_tips" and "text". STRATEGY holds the content strategy page; its themes use the
demo organisation's topic codes.
"""

from __future__ import annotations

GUIDELINES = [
    {
        "slug": "social-media-richtlijnen",
        "nl": {
            "title": "Socialemediarichtlijnen",
            "intro": (
                "Met deze richtlijnen post je met plezier en zonder zorgen over je werk bij "
                "Vermeer Techniek. Meedoen is altijd vrijwillig: dit zijn afspraken voor wie dat "
                "wil, geen verplichtingen."
            ),
            "sections": [
                (
                    "principles",
                    {
                        "heading": "Onze uitgangspunten",
                        "items": [
                            {
                                "title": "Meedoen is vrijwillig",
                                "text": (
                                    "Jij bepaalt of, wanneer en hoe vaak je iets deelt. Niemand "
                                    "rekent je erop af als je een bericht overslaat of helemaal "
                                    "niet meedoet."
                                ),
                            },
                            {
                                "title": "Relevantie gaat voor bereik",
                                "text": (
                                    "Deel alleen wat jouw netwerk echt interessant vindt. Eén "
                                    "bericht dat past bij jouw connecties zegt meer dan tien "
                                    "berichten die niemand raken."
                                ),
                            },
                            {
                                "title": "Persoonlijk en echt",
                                "text": (
                                    "Schrijf in je eigen woorden en vanuit je eigen ervaring, of "
                                    "het nu gaat om een lastige warmtepompinstallatie of je eerste "
                                    "week als stagiair. Een voorgestelde tekst mag een begin zijn, "
                                    "maar maak hem van jezelf."
                                ),
                            },
                            {
                                "title": "Open over je band met ons",
                                "text": (
                                    "Laat zien dat je bij Vermeer Techniek werkt als je over ons, "
                                    "onze klanten of onze diensten post. Zo weten je lezers waar "
                                    "je staat."
                                ),
                            },
                            {
                                "title": "Respect voor iedereen",
                                "text": (
                                    "Behandel klanten, collega's en concurrenten online zoals je "
                                    "dat op de bouwplaats of in een overleg ook zou doen. Wat "
                                    "vertrouwelijk is, blijft binnen."
                                ),
                            },
                            {
                                "title": "Je staat er niet alleen voor",
                                "text": (
                                    "Het Mentorloket is je vangnet. Je kunt er terecht met vragen, "
                                    "voor coaching, hulp bij het schrijven en eindredactie, en als "
                                    "een discussie uit de hand loopt."
                                ),
                            },
                        ],
                    },
                ),
                (
                    "dos_and_donts",
                    {
                        "heading": "Wel doen en liever niet",
                        "dos": [
                            (
                                "Voeg een persoonlijke zin toe aan wat je deelt: waarom vind jij "
                                "dit de moeite waard?"
                            ),
                            "Kies zelf wat bij jouw netwerk past en sla de rest gerust over.",
                            (
                                "Controleer of een bericht klopt en waar het vandaan komt voordat "
                                "je het deelt."
                            ),
                            "Noem je bron, en tag collega's alleen als zij dat goed vinden.",
                            "Reageer vriendelijk en op tijd op vragen onder je bericht.",
                            (
                                "Verwijs klanten met een vraag over hun installatie naar "
                                "Klantenservice."
                            ),
                            "Twijfel je? Vraag het Mentorloket. Een vraag te veel bestaat niet.",
                        ],
                        "donts": [
                            (
                                "Plaats niet precies dezelfde tekst als tientallen collega's op "
                                "hetzelfde moment."
                            ),
                            (
                                "Spreek niet namens Vermeer Techniek over incidenten, persvragen "
                                "of beleid; dat doet Marketing & Communicatie."
                            ),
                            "Beloof niemand prijzen, levertijden, besparingen of subsidies.",
                            (
                                "Maak geen opmerkingen over klanten, concurrenten of collega's die "
                                "je niet in hun gezicht zou maken."
                            ),
                            (
                                "Plaats geen foto's van mensen die daar geen toestemming voor "
                                "hebben gegeven."
                            ),
                            (
                                "Koop geen volgers of likes en doe niet mee aan trucjes om het "
                                "algoritme te bespelen."
                            ),
                            "Ga niet in discussie als je boos bent; wacht even of vraag om hulp.",
                        ],
                    },
                ),
                (
                    "disclosure",
                    {
                        "heading": "Laat zien dat je hier werkt",
                        "text": (
                            "<p>Deel je iets over Vermeer Techniek, onze projecten of onze "
                            "diensten? Dan moeten je lezers kunnen zien dat je hier werkt. Dat is "
                            "eerlijk tegenover je netwerk en het past bij de regels voor reclame "
                            "op social media. Enthousiast zijn mag, zolang duidelijk is waar dat "
                            "enthousiasme vandaan komt.</p><ul><li>Zet je werkgever in je profiel, "
                            "bijvoorbeeld in je kopregel of bio.</li><li>Laat je profiel dat niet "
                            "direct zien, zoals vaak op Facebook of Instagram? Noem het dan in het "
                            "bericht zelf, met een korte zin.</li><li>Krijg je iets voor een "
                            "bericht, zoals een prijs of een cadeau? Vermeld dat er dan altijd "
                            "bij.</li></ul>"
                        ),
                        "example": (
                            "Adviseur warmtepompen bij Vermeer Techniek. Berichten zijn mijn eigen "
                            "mening."
                        ),
                    },
                ),
                (
                    "confidentiality",
                    {
                        "heading": "Wat binnen blijft",
                        "text": (
                            "<p>Je weet veel over klanten, projecten en collega's, en dat "
                            "vertrouwen willen we waard blijven. Deel daarom alleen wat al "
                            "openbaar is of waarvan je zeker weet dat het gedeeld mag worden. "
                            "Twijfel je? Deel het dan niet, of vraag het eerst na bij het "
                            "Mentorloket.</p>"
                        ),
                        "never_share": [
                            (
                                "Offerteprijzen, marges, omzet en andere financiële cijfers die "
                                "nog niet openbaar zijn"
                            ),
                            (
                                "Lopende offertes en aanbestedingen, ook niet het feit dat we "
                                "meedingen"
                            ),
                            (
                                "Namen, adressen en andere gegevens van klanten zonder hun "
                                "uitdrukkelijke toestemming"
                            ),
                            (
                                "Bouwtekeningen, installatieschema's en technische documentatie "
                                "van klantprojecten"
                            ),
                            (
                                "Toegangscodes, netwerkinstellingen en schermen van "
                                "gebouwbeheersystemen"
                            ),
                            (
                                "Personeelszaken, zoals ziekte, beoordelingen, salarissen of een "
                                "reorganisatie"
                            ),
                            (
                                "Nieuwe diensten, producten of samenwerkingen voordat ze officieel "
                                "bekend zijn gemaakt"
                            ),
                        ],
                    },
                ),
                (
                    "negative_reactions",
                    {
                        "heading": "Als iemand negatief reageert",
                        "text": (
                            "<p>Wie zichtbaar is, krijgt soms kritiek. Meestal volstaat een "
                            "rustige, korte reactie, en soms is niet reageren het beste antwoord. "
                            "Je hoeft het <strong>nooit alleen</strong> op te lossen.</p>"
                        ),
                        "steps": [
                            (
                                "Haal adem en reageer niet meteen als je je ergert. Een antwoord "
                                "een uur later is prima."
                            ),
                            (
                                "Kijk wat er achter de reactie zit: een vraag, een klacht over een "
                                "installatie, een ander standpunt of iemand die alleen wil "
                                "uitlokken."
                            ),
                            (
                                "Heeft een klant een klacht? Bedank voor de melding, bespreek geen "
                                "details in het openbaar en verwijs naar Klantenservice of een "
                                "privébericht."
                            ),
                            (
                                "Verschil je van mening? Blijf bij de feiten, reageer één keer "
                                "vriendelijk en laat het daarna rusten. Beledigingen en spam mag "
                                "je verbergen of melden."
                            ),
                            (
                                "Loopt de discussie uit de hand, stromen de reacties binnen of "
                                "gaat het over het beleid van Vermeer Techniek? Maak "
                                "schermafbeeldingen, reageer niet verder en vraag het Mentorloket "
                                "om bemiddeling."
                            ),
                        ],
                    },
                ),
                (
                    "network_tips",
                    {
                        "heading": "Tips per netwerk",
                        "networks": [
                            {
                                "network": "linkedin",
                                "tips": [
                                    (
                                        "Dit is je zakelijke netwerk: deel hier vakkennis, "
                                        "projectervaringen en ontwikkelingen in de "
                                        "installatietechniek."
                                    ),
                                    (
                                        "Schrijf in een paar zinnen wat jij ervan vindt of wat je "
                                        "ervan leerde; een losse link zegt weinig."
                                    ),
                                    (
                                        "Zet Vermeer Techniek als werkgever in je profiel, zodat "
                                        "je band met ons meteen zichtbaar is."
                                    ),
                                    (
                                        "Tag een collega of klant alleen als die ervan weet en het "
                                        "goed vindt."
                                    ),
                                    (
                                        "Reageer op reacties onder je bericht; daar ontstaan vaak "
                                        "de beste gesprekken."
                                    ),
                                ],
                            },
                            {
                                "network": "x",
                                "tips": [
                                    (
                                        "Houd het kort en schrijf er een eigen zin bij, ook als je "
                                        "een link deelt."
                                    ),
                                    (
                                        "Praat mee over de energietransitie, maar alleen over "
                                        "onderwerpen waar je echt verstand van hebt."
                                    ),
                                    "Gebruik hooguit een of twee hashtags die mensen echt volgen.",
                                    (
                                        "Discussies lopen hier snel op; lees een bericht goed "
                                        "voordat je erop reageert of het citeert."
                                    ),
                                ],
                            },
                            {
                                "network": "facebook",
                                "tips": [
                                    (
                                        "Hier zitten vooral vrienden en familie; deel alleen "
                                        "werknieuws waar zij iets aan hebben."
                                    ),
                                    (
                                        "Denk aan een vacature, een open dag of een project bij "
                                        "jou in de buurt."
                                    ),
                                    (
                                        "Kijk in je privacyinstellingen wie je berichten kan zien "
                                        "en pas dat zo nodig aan."
                                    ),
                                    "Deel met mate, zodat je tijdlijn echt van jou blijft.",
                                ],
                            },
                            {
                                "network": "instagram",
                                "tips": [
                                    (
                                        "Hier vertelt het beeld het verhaal: laat zien hoe je "
                                        "werkt, van werkplaats tot dak vol zonnepanelen."
                                    ),
                                    (
                                        "Bekijk de achtergrond goed voordat je een foto plaatst: "
                                        "geen adressen, schermen, tekeningen of kentekens."
                                    ),
                                    (
                                        "Vraag collega's en klanten eerst of ze op de foto willen "
                                        "en of je die mag plaatsen."
                                    ),
                                    (
                                        "Gebruik stories voor snelle momenten van de dag en tag "
                                        "Vermeer Techniek als je dat wilt."
                                    ),
                                ],
                            },
                        ],
                    },
                ),
                (
                    "text",
                    {
                        "heading": "Hulp nodig?",
                        "text": (
                            "<p>Het Mentorloket helpt je in elke fase, of je nu net begint met "
                            "liken en delen of al je eigen verhalen "
                            "schrijft.</p><ul><li><strong>Vragen</strong>: mag ik dit delen, hoe "
                            "werkt deze functie, wat doe ik met deze "
                            "reactie?</li><li><strong>Coaching</strong>: samen kijken naar je "
                            "profiel, je netwerk en wat bij jou past.</li><li><strong>Ghostwriting "
                            "en eindredactie</strong>: een mentor helpt je een idee op papier te "
                            "krijgen of leest je tekst na voordat je hem "
                            "plaatst.</li><li><strong>Bemiddeling</strong>: als een discussie "
                            "anders loopt dan je had verwacht.</li></ul>"
                        ),
                    },
                ),
            ],
        },
        "en": {
            "title": "Social media guidelines",
            "intro": (
                "These guidelines help you post about your work at Vermeer Techniek with enjoyment "
                "and without worries. Taking part is always voluntary: these are agreements for "
                "those who want to, not obligations."
            ),
            "sections": [
                (
                    "principles",
                    {
                        "heading": "Our principles",
                        "items": [
                            {
                                "title": "Taking part is voluntary",
                                "text": (
                                    "You decide whether, when and how often you share something. "
                                    "Nobody holds it against you if you skip a post or don't take "
                                    "part at all."
                                ),
                            },
                            {
                                "title": "Relevance comes before reach",
                                "text": (
                                    "Only share what your network will genuinely find interesting. "
                                    "One post that suits your connections says more than ten posts "
                                    "that leave nobody caring."
                                ),
                            },
                            {
                                "title": "Personal and genuine",
                                "text": (
                                    "Write in your own words and from your own experience, whether "
                                    "it's about a tricky heat pump installation or your first week "
                                    "as an intern. A suggested text can be a start, but make it "
                                    "your own."
                                ),
                            },
                            {
                                "title": "Open about your connection with us",
                                "text": (
                                    "Make it clear that you work at Vermeer Techniek when you post "
                                    "about us, our customers or our services. That way your "
                                    "readers know where you stand."
                                ),
                            },
                            {
                                "title": "Respect for everyone",
                                "text": (
                                    "Treat customers, colleagues and competitors online the way "
                                    "you would on a building site or in a meeting. What is "
                                    "confidential stays inside."
                                ),
                            },
                            {
                                "title": "You're not on your own",
                                "text": (
                                    "The mentor desk is your safety net. You can go there with "
                                    "questions, for coaching, for help with writing and editing, "
                                    "and when a discussion gets out of hand."
                                ),
                            },
                        ],
                    },
                ),
                (
                    "dos_and_donts",
                    {
                        "heading": "Do's and don'ts",
                        "dos": [
                            (
                                "Add a personal line to what you share: why do you think it's "
                                "worth reading?"
                            ),
                            (
                                "Choose for yourself what suits your network and feel free to skip "
                                "the rest."
                            ),
                            (
                                "Check that a post is accurate and where it comes from before you "
                                "share it."
                            ),
                            (
                                "Credit your source, and only tag colleagues if they're happy with "
                                "that."
                            ),
                            (
                                "Reply to questions under your post in a friendly way and in good "
                                "time."
                            ),
                            (
                                "Refer customers with a question about their installation to "
                                "Customer Service."
                            ),
                            (
                                "In doubt? Ask the mentor desk. There's no such thing as one "
                                "question too many."
                            ),
                        ],
                        "donts": [
                            (
                                "Don't post exactly the same text as dozens of colleagues at the "
                                "same moment."
                            ),
                            (
                                "Don't speak for Vermeer Techniek about incidents, press questions "
                                "or policy; Marketing & Communications does that."
                            ),
                            "Don't promise anyone prices, delivery times, savings or subsidies.",
                            (
                                "Don't make remarks about customers, competitors or colleagues "
                                "that you wouldn't make to their face."
                            ),
                            "Don't post photos of people who haven't given their permission.",
                            (
                                "Don't buy followers or likes, and don't join in tricks to game "
                                "the algorithm."
                            ),
                            (
                                "Don't get into a discussion while you're angry; wait a moment or "
                                "ask for help."
                            ),
                        ],
                    },
                ),
                (
                    "disclosure",
                    {
                        "heading": "Show that you work here",
                        "text": (
                            "<p>Sharing something about Vermeer Techniek, our projects or our "
                            "services? Then your readers must be able to see that you work here. "
                            "That's fair to your network, and it fits the rules for advertising on "
                            "social media. Being enthusiastic is fine, as long as it's clear where "
                            "that enthusiasm comes from.</p><ul><li>Put your employer in your "
                            "profile, for example in your headline or bio.</li><li>Doesn't your "
                            "profile show it straight away, as is often the case on Facebook or "
                            "Instagram? Then mention it in the post itself, with a short "
                            "sentence.</li><li>Do you get something for a post, such as a prize or "
                            "a gift? Then always say so.</li></ul>"
                        ),
                        "example": "Heat pump adviser at Vermeer Techniek. Views are my own.",
                    },
                ),
                (
                    "confidentiality",
                    {
                        "heading": "What stays inside",
                        "text": (
                            "<p>You know a lot about customers, projects and colleagues, and we "
                            "want to keep deserving that trust. So only share what is already "
                            "public or what you're sure may be shared. In doubt? Then don't share "
                            "it, or check with the mentor desk first.</p>"
                        ),
                        "never_share": [
                            (
                                "Quoted prices, margins, revenue and other financial figures that "
                                "aren't public yet"
                            ),
                            "Ongoing quotes and tenders, not even the fact that we're bidding",
                            (
                                "Customers' names, addresses and other details without their "
                                "explicit permission"
                            ),
                            (
                                "Building drawings, installation diagrams and technical "
                                "documentation from customer projects"
                            ),
                            (
                                "Access codes, network settings and screens of building management "
                                "systems"
                            ),
                            (
                                "Staff matters, such as illness, appraisals, salaries or a "
                                "reorganisation"
                            ),
                            (
                                "New services, products or partnerships before they've been "
                                "officially announced"
                            ),
                        ],
                    },
                ),
                (
                    "negative_reactions",
                    {
                        "heading": "When someone reacts negatively",
                        "text": (
                            "<p>Being visible sometimes means being criticised. Usually a calm, "
                            "short reply is enough, and sometimes not replying is the best answer. "
                            "You <strong>never have to</strong> sort it out alone.</p>"
                        ),
                        "steps": [
                            (
                                "Take a breath and don't reply straight away if you're annoyed. An "
                                "answer an hour later is fine."
                            ),
                            (
                                "Look at what's behind the reaction: a question, a complaint about "
                                "an installation, a different point of view or someone who just "
                                "wants to provoke."
                            ),
                            (
                                "Does a customer have a complaint? Thank them for raising it, "
                                "don't discuss details in public and refer them to Customer "
                                "Service or a private message."
                            ),
                            (
                                "Do you disagree? Stick to the facts, reply once in a friendly way "
                                "and then let it rest. You may hide or report insults and spam."
                            ),
                            (
                                "Is the discussion getting out of hand, are reactions pouring in, "
                                "or is it about Vermeer Techniek's policy? Take screenshots, stop "
                                "replying and ask the mentor desk for mediation."
                            ),
                        ],
                    },
                ),
                (
                    "network_tips",
                    {
                        "heading": "Tips per network",
                        "networks": [
                            {
                                "network": "linkedin",
                                "tips": [
                                    (
                                        "This is your professional network: share expertise, "
                                        "project experiences and developments in building services "
                                        "here."
                                    ),
                                    (
                                        "Write a few sentences on what you think of it or what you "
                                        "learned; a bare link says little."
                                    ),
                                    (
                                        "List Vermeer Techniek as your employer on your profile so "
                                        "your connection with us is visible straight away."
                                    ),
                                    (
                                        "Only tag a colleague or customer if they know about it "
                                        "and are happy with it."
                                    ),
                                    (
                                        "Reply to comments under your post; that's often where the "
                                        "best conversations happen."
                                    ),
                                ],
                            },
                            {
                                "network": "x",
                                "tips": [
                                    (
                                        "Keep it short and add a line of your own, even when you "
                                        "share a link."
                                    ),
                                    (
                                        "Join the conversation about the energy transition, but "
                                        "only on subjects you really know about."
                                    ),
                                    (
                                        "Use one or two hashtags at most, ones that people "
                                        "actually follow."
                                    ),
                                    (
                                        "Discussions heat up quickly here; read a post properly "
                                        "before you reply to it or quote it."
                                    ),
                                ],
                            },
                            {
                                "network": "facebook",
                                "tips": [
                                    (
                                        "This is mostly friends and family; only share work news "
                                        "that is useful to them."
                                    ),
                                    (
                                        "Think of a vacancy, an open day or a project near where "
                                        "you live."
                                    ),
                                    (
                                        "Check in your privacy settings who can see your posts and "
                                        "change that if needed."
                                    ),
                                    "Share in moderation so your timeline really stays your own.",
                                ],
                            },
                            {
                                "network": "instagram",
                                "tips": [
                                    (
                                        "Here the picture tells the story: show how you work, from "
                                        "the workshop to a roof full of solar panels."
                                    ),
                                    (
                                        "Look carefully at the background before you post a photo: "
                                        "no addresses, screens, drawings or number plates."
                                    ),
                                    (
                                        "Ask colleagues and customers first whether they want to "
                                        "be in the photo and whether you may post it."
                                    ),
                                    (
                                        "Use stories for quick moments in your day and tag Vermeer "
                                        "Techniek if you like."
                                    ),
                                ],
                            },
                        ],
                    },
                ),
                (
                    "text",
                    {
                        "heading": "Need help?",
                        "text": (
                            "<p>The mentor desk helps you at every stage, whether you're just "
                            "starting out with liking and sharing or already writing your own "
                            "stories.</p><ul><li><strong>Questions</strong>: may I share this, how "
                            "does this feature work, what do I do with this "
                            "reaction?</li><li><strong>Coaching</strong>: looking together at your "
                            "profile, your network and what suits "
                            "you.</li><li><strong>Ghostwriting and editing</strong>: a mentor "
                            "helps you put an idea into words or reads your text before you post "
                            "it.</li><li><strong>Mediation</strong>: when a discussion goes "
                            "differently than you expected.</li></ul>"
                        ),
                    },
                ),
            ],
        },
    },
    {
        "slug": "privacy-en-beeldmateriaal",
        "nl": {
            "title": "Privacy en beeldmateriaal",
            "intro": (
                "Foto's en video's maken je berichten levendig, maar er staan vaak andere mensen, "
                "klanten of hun gebouwen op. Hier lees je hoe je daar zorgvuldig mee omgaat, en "
                "hoe wij omgaan met jouw gegevens."
            ),
            "sections": [
                (
                    "text",
                    {
                        "heading": "Toestemming van mensen in beeld",
                        "text": (
                            "<p>Staat iemand herkenbaar op een foto of video? Vraag dan vooraf of "
                            "diegene het goed vindt dat je het beeld deelt, en vertel erbij waar "
                            "het komt te staan. Een bericht op LinkedIn voelt voor veel mensen "
                            "anders dan een story op Instagram.</p><ul><li>Een "
                            "<strong>nee</strong> is een nee, ook van een collega. Niemand hoeft "
                            "uit te leggen waarom.</li><li>Vraagt iemand later om een foto weg te "
                            "halen? Doe dat dan zo snel mogelijk.</li><li>Houd kinderen buiten "
                            "beeld, ook op de achtergrond bij een klant thuis.</li><li>Op een "
                            "beurs of evenement deel je liever een overzichtsfoto, of je vraagt de "
                            "mensen die goed herkenbaar zijn even om toestemming.</li></ul>"
                        ),
                    },
                ),
                (
                    "confidentiality",
                    {
                        "heading": "Op locatie bij klanten",
                        "text": (
                            "<p>Een strak geplaatste warmtepomp of een dak vol zonnepanelen laat "
                            "je graag zien. Vraag eerst toestemming aan de klant en op een "
                            "bouwplaats ook aan de uitvoerder. Bij particulieren gaat het om hun "
                            "thuis: een herkenbare gevel of straatnaam verraadt al snel waar "
                            "iemand woont. Kies daarom een uitsnede waarop alleen het vakwerk te "
                            "zien is.</p>"
                        ),
                        "never_share": [
                            (
                                "Adressen, huisnummers, straatnaambordjes en herkenbare gevels van "
                                "particuliere klanten"
                            ),
                            "Kentekens van auto's op de oprit of de bouwplaats",
                            (
                                "Schermen van gebouwbeheersystemen, regelkasten met instellingen "
                                "en toegangscodes"
                            ),
                            (
                                "Bouwtekeningen, plattegronden en installatieschema's die in beeld "
                                "liggen"
                            ),
                            "Post, papieren of whiteboards waarop namen of andere gegevens staan",
                            (
                                "De beveiliging van een gebouw, zoals camera's, alarmpanelen en "
                                "sleutelkastjes"
                            ),
                        ],
                    },
                ),
                (
                    "dos_and_donts",
                    {
                        "heading": "De AVG in het kort",
                        "dos": [
                            (
                                "Ga met de gegevens van anderen om zoals je wilt dat er met de "
                                "jouwe wordt omgegaan."
                            ),
                            (
                                "Deel een naam, foto of ander persoonsgegeven van iemand alleen "
                                "als die daarmee heeft ingestemd."
                            ),
                            (
                                "Maak gezichten, namen en adressen onherkenbaar of snijd ze weg "
                                "als je geen toestemming hebt."
                            ),
                            (
                                "Verwijder foto's van klantlocaties van je telefoon zodra je ze "
                                "niet meer nodig hebt."
                            ),
                            (
                                "Weet je niet zeker of iets een persoonsgegeven is? Leg het dan "
                                "voor aan het Mentorloket."
                            ),
                        ],
                        "donts": [
                            (
                                "Deel geen schermafbeeldingen van e-mails, chats of systemen "
                                "waarop namen of contactgegevens staan."
                            ),
                            (
                                "Zet geen klantreview met naam online zonder dat de klant daarmee "
                                "instemt."
                            ),
                            (
                                "Verzamel geen namen of contactgegevens uit reacties om mensen "
                                "later te benaderen of in een lijst te zetten."
                            ),
                            (
                                "Tag geen klanten of hun medewerkers zonder eerst te vragen of ze "
                                "dat willen."
                            ),
                            "Bewaar beeld van klantlocaties niet in een openbaar of gedeeld album.",
                        ],
                    },
                ),
                (
                    "text",
                    {
                        "heading": "Wat het platform over jou vastlegt",
                        "text": (
                            "<p>Ambassador Academy legt pas iets over jou vast nadat je zelf hebt "
                            "gekozen om mee te doen. Daarna bewaren we alleen wat nodig is om je "
                            "te begeleiden:</p><ul><li>je profiel: je fase, afdeling en taal, de "
                            "onderwerpen die je kiest en de netwerken die je gebruikt, met een "
                            "schatting van je bereik daar;</li><li>je voortgang in de cursussen, "
                            "je quizresultaten en badges;</li><li>wat je in het programma doet: "
                            "opdrachten die je oppakt, suggesties die je deelt of overslaat, en "
                            "hoe vaak er op links wordt geklikt die je deelt, zonder de "
                            "IP-adressen van bezoekers op te slaan;</li><li>je vragen aan het "
                            "Mentorloket en de antwoorden daarop.</li></ul><p>Het communicatieteam "
                            "ziet <strong>cijfers over groepen</strong>, zoals een afdeling of een "
                            "thema, en niet over jou als persoon. Op de ranglijst sta je alleen "
                            "als je dat zelf aanzet. We plaatsen nooit iets namens jou, vragen "
                            "nooit om je wachtwoorden en lezen je privéberichten niet. Via je "
                            "profiel kun je op elk moment pauzeren of stoppen.</p>"
                        ),
                    },
                ),
            ],
        },
        "en": {
            "title": "Privacy and photos",
            "intro": (
                "Photos and videos bring your posts to life, but they often show other people, "
                "customers or their buildings. Here you can read how to handle that with care, and "
                "how we handle your data."
            ),
            "sections": [
                (
                    "text",
                    {
                        "heading": "Consent from people in photos and videos",
                        "text": (
                            "<p>Is someone recognisable in a photo or video? Then ask beforehand "
                            "whether they're happy for you to share it, and tell them where it "
                            "will appear. For many people a LinkedIn post feels different from an "
                            "Instagram story.</p><ul><li>A <strong>no</strong> is a no, from a "
                            "colleague too. Nobody has to explain why.</li><li>Does someone later "
                            "ask you to take a photo down? Then do so as soon as "
                            "possible.</li><li>Keep children out of the picture, including in the "
                            "background at a customer's home.</li><li>At a trade fair or event, "
                            "share an overview shot instead, or quickly ask the people who are "
                            "clearly recognisable for permission.</li></ul>"
                        ),
                    },
                ),
                (
                    "confidentiality",
                    {
                        "heading": "On site at customers",
                        "text": (
                            "<p>You'll want to show off a neatly fitted heat pump or a roof full "
                            "of solar panels. Ask the customer for permission first, and on a "
                            "building site the site manager as well. With private customers it's "
                            "their home: a recognisable front or street name quickly gives away "
                            "where someone lives. So choose a crop that shows only the "
                            "craftsmanship.</p>"
                        ),
                        "never_share": [
                            (
                                "Addresses, house numbers, street signs and recognisable fronts of "
                                "private customers' homes"
                            ),
                            "Number plates of cars on the driveway or the building site",
                            (
                                "Screens of building management systems, control cabinets with "
                                "settings and access codes"
                            ),
                            (
                                "Building drawings, floor plans and installation diagrams lying in "
                                "view"
                            ),
                            "Post, papers or whiteboards showing names or other details",
                            "A building's security, such as cameras, alarm panels and key boxes",
                        ],
                    },
                ),
                (
                    "dos_and_donts",
                    {
                        "heading": "GDPR in a nutshell",
                        "dos": [
                            "Treat other people's data the way you want yours to be treated.",
                            (
                                "Only share someone's name, photo or other personal data if "
                                "they've agreed to it."
                            ),
                            (
                                "Blur or crop out faces, names and addresses if you don't have "
                                "permission."
                            ),
                            (
                                "Delete photos of customer sites from your phone as soon as you no "
                                "longer need them."
                            ),
                            (
                                "Not sure whether something counts as personal data? Ask the "
                                "mentor desk."
                            ),
                        ],
                        "donts": [
                            (
                                "Don't share screenshots of e-mails, chats or systems that show "
                                "names or contact details."
                            ),
                            (
                                "Don't post a customer review with a name without the customer's "
                                "agreement."
                            ),
                            (
                                "Don't collect names or contact details from comments to approach "
                                "people later or put them on a list."
                            ),
                            (
                                "Don't tag customers or their staff without first asking whether "
                                "they want that."
                            ),
                            "Don't keep images of customer sites in a public or shared album.",
                        ],
                    },
                ),
                (
                    "text",
                    {
                        "heading": "What the platform records about you",
                        "text": (
                            "<p>Ambassador Academy records nothing about you until you have chosen "
                            "to take part yourself. After that we keep only what we need to "
                            "support you:</p><ul><li>your profile: your stage, department and "
                            "language, the topics you choose and the networks you use, with an "
                            "estimate of your audience there;</li><li>your progress in the "
                            "courses, your quiz results and badges;</li><li>what you do in the "
                            "programme: missions you take on, suggestions you share or skip, and "
                            "how often the links you share are clicked, without storing visitors' "
                            "IP addresses;</li><li>your questions to the mentor desk and the "
                            "answers to them.</li></ul><p>The communications team sees "
                            "<strong>figures about groups</strong>, such as a department or a "
                            "theme, not about you as a person. You only appear on the leaderboard "
                            "if you switch that on yourself. We never post on your behalf, never "
                            "ask for your passwords and don't read your private messages. You can "
                            "pause or leave at any time from your profile.</p>"
                        ),
                    },
                ),
            ],
        },
    },
]

STRATEGY = {
    "slug": "contentstrategie",
    "nl": {
        "title": "Contentstrategie van Vermeer Techniek",
        "intro": (
            "Dit is het fundament onder alles wat we delen, op onze eigen kanalen en via collega's "
            "die willen meedoen. Gebruik het als kompas: het laat zien waar we naartoe willen, "
            "voor wie we schrijven en hoe we klinken, zodat je zelf kunt kiezen wat bij jou past."
        ),
        "goals": (
            "<p>Waar we de komende twee tot drie jaar naartoe werken:</p><ul><li><strong>Herkend "
            "worden als specialist</strong> in duurzame gebouwinstallaties: wie in onze regio aan "
            "een warmtepomp, zonnepanelen of een slim gebouw denkt, denkt ook aan Vermeer "
            "Techniek.</li><li><strong>Makkelijker vakmensen vinden</strong>: monteurs, engineers "
            "en adviseurs kennen ons als een werkgever waar je met plezier werkt en blijft "
            "leren.</li><li><strong>Vertrouwen bij opdrachtgevers</strong> verdienen door eerlijk "
            "te laten zien hoe projecten verlopen, inclusief wat we ervan "
            "leren.</li><li><strong>Een brede groep ambassadeurs</strong> uit alle afdelingen die "
            "vrijwillig en in hun eigen tempo meedoet, van engagement tot "
            "productie.</li><li><strong>Gesprekken boven vertoningen</strong>: we meten succes aan "
            "reacties, vragen en nieuwe contacten, niet alleen aan bereik.</li></ul>"
        ),
        "audiences": [
            {
                "name": "Particuliere woningeigenaren",
                "description": (
                    "Mensen die hun huis willen verduurzamen en door de bomen het bos niet meer "
                    "zien. Ze zoeken eerlijk advies over warmtepompen en zonnepanelen en willen "
                    "weten wat dat in hun eigen situatie oplevert."
                ),
            },
            {
                "name": "Zakelijke opdrachtgevers en vastgoedbeheerders",
                "description": (
                    "Eigenaren en beheerders van kantoren, scholen en bedrijfspanden die hun "
                    "gebouw zuiniger en slimmer willen maken. Ze vragen om betrouwbaarheid, "
                    "heldere afspraken en een partner die meedenkt over onderhoud en beheer."
                ),
            },
            {
                "name": "Bouwpartners en adviseurs",
                "description": (
                    "Aannemers, architecten en adviesbureaus met wie we samen projecten "
                    "realiseren. Ze waarderen vakinhoud, goede afstemming en kennis van nieuwe "
                    "technieken."
                ),
            },
            {
                "name": "Toekomstige collega's",
                "description": (
                    "Monteurs, engineers, studenten en zij-instromers die werk zoeken waar ze "
                    "trots op kunnen zijn. Ze willen zien hoe het werk er echt uitziet en wie hun "
                    "collega's zouden worden."
                ),
            },
        ],
        "value_proposition": (
            "<p>Vermeer Techniek ontwerpt, installeert en onderhoudt duurzame installaties als "
            "<strong>één partner</strong>: van warmtepomp en zonnepanelen tot een slim "
            "gebouwbeheersysteem dat alles op elkaar laat aansluiten. Klanten krijgen advies dat "
            "past bij hun gebouw en budget, vakmensen die het werk zelf uitvoeren, en ook na de "
            "oplevering een vast aanspreekpunt.</p>"
        ),
        "market_positioning": (
            "<p>We zitten tussen de grote landelijke installateurs en de kleine zelfstandigen in. "
            "Groot genoeg om engineering, installatie en beheer van complexe projecten in één hand "
            "te nemen; klein genoeg om onze klanten persoonlijk te kennen.</p><p>We onderscheiden "
            "ons niet met de laagste prijs, maar met samenhangende oplossingen en eerlijk advies, "
            "ook als dat betekent dat we een klant aanraden iets later of helemaal niet te "
            "doen.</p>"
        ),
        "identity": (
            "<p>We zijn een technisch bedrijf van vakmensen die trots zijn op hun werk en "
            "nieuwsgierig blijven naar wat beter kan: nuchter, betrokken en oplossingsgericht. "
            "Onze mensen maken het verschil, van de monteur die uitlegt hoe de installatie werkt "
            "tot de engineer die een slimme oplossing bedenkt en de collega van Klantenservice die "
            "terugbelt wanneer dat is afgesproken.</p>"
        ),
        "promise": (
            "<p>We beloven onze doelgroepen <strong>eerlijk advies en vakwerk dat blijft "
            "werken</strong>. In onze content betekent dat: geen loze beloftes over besparingen, "
            "wel heldere uitleg, echte projecten en mensen die je kunt aanspreken. Wie ons volgt, "
            "steekt er iets van op over duurzaam bouwen en installeren.</p>"
        ),
        "themes": [
            {
                "topic": "duurzaamheid",
                "explanation": (
                    "Wat de energietransitie betekent voor woningen en gebouwen, en hoe je er stap "
                    "voor stap mee aan de slag gaat. Praktisch en zonder te preken."
                ),
            },
            {
                "topic": "innovatie",
                "explanation": (
                    "Nieuwe technieken zoals slimme gebouwbeheersystemen en hybride warmtepompen, "
                    "uitgelegd vanuit wat ze in de praktijk opleveren."
                ),
            },
            {
                "topic": "klantverhalen",
                "explanation": (
                    "Projecten verteld vanuit de klant en met diens toestemming: wat was de vraag, "
                    "hoe pakten we het aan en wat leerden we ervan?"
                ),
            },
            {
                "topic": "vakmanschap",
                "explanation": (
                    "Het werk achter de schermen: de vaardigheden van monteurs en engineers, "
                    "opleidingen en de details die het verschil maken."
                ),
            },
            {
                "topic": "werken-bij",
                "explanation": (
                    "Hoe het is om bij Vermeer Techniek te werken, verteld door collega's zelf, "
                    "van de eerste werkdag tot een nieuwe rol."
                ),
            },
            {
                "topic": "marktontwikkelingen",
                "explanation": (
                    "Regels, subsidies en trends in de installatiebranche en wat ze betekenen voor "
                    "klanten. Deel ze met bron en met je eigen duiding."
                ),
            },
            {
                "topic": "evenementen",
                "explanation": (
                    "Beurzen, open dagen en vakbijeenkomsten waar we bij zijn, met wat je er zag "
                    "en leerde."
                ),
            },
        ],
        "tone_of_voice": (
            "<p>We klinken als een vakman die je vertrouwt: deskundig maar begrijpelijk, "
            "enthousiast maar nuchter.</p><ul><li><strong>Helder</strong>: korte zinnen, en "
            "vaktermen alleen als je ze uitlegt.</li><li><strong>Persoonlijk</strong>: we "
            "schrijven in de ik- of wij-vorm en spreken lezers aan met "
            "je.</li><li><strong>Eerlijk</strong>: we overdrijven niet en vertellen ook wat lastig "
            "was.</li><li><strong>Positief</strong>: we laten zien wat kan, zonder anderen af te "
            "kraken.</li></ul><p>Als ambassadeur klink je natuurlijk gewoon als jezelf; deze toon "
            "is een richting, geen keurslijf.</p>"
        ),
        "visual_language": (
            "<p>We laten echte mensen en echte projecten zien, liever dan "
            "stockfoto's.</p><ul><li>Collega's aan het werk, in werkkleding en met hun "
            "gereedschap, en altijd met hun toestemming.</li><li>Installaties van dichtbij: strak "
            "leidingwerk, een warmtepomp op zijn plek, zonnepanelen in de "
            "ochtendzon.</li><li>Natuurlijk licht en rustige uitsneden, zonder zware "
            "filters.</li><li>Geen herkenbare adressen, schermen met gegevens of mensen die niet "
            "hebben ingestemd.</li><li>Een foto met je telefoon is prima: goed licht en een vaste "
            "hand zijn belangrijker dan een dure camera.</li></ul>"
        ),
    },
    "en": {
        "title": "Vermeer Techniek content strategy",
        "intro": (
            "This is the foundation under everything we share, on our own channels and through "
            "colleagues who want to take part. Use it as a compass: it shows where we want to go, "
            "who we write for and how we sound, so you can choose for yourself what suits you."
        ),
        "goals": (
            "<p>What we're working towards over the next two to three "
            "years:</p><ul><li><strong>Being recognised as a specialist</strong> in sustainable "
            "building installations: anyone in our region thinking of a heat pump, solar panels or "
            "a smart building also thinks of Vermeer Techniek.</li><li><strong>Finding skilled "
            "people more easily</strong>: installers, engineers and advisers know us as an "
            "employer where you enjoy your work and keep learning.</li><li><strong>Earning the "
            "trust of clients</strong> by showing honestly how projects go, including what we "
            "learn from them.</li><li><strong>A broad group of ambassadors</strong> from every "
            "department who take part voluntarily and at their own pace, from engagement to "
            "production.</li><li><strong>Conversations over impressions</strong>: we measure "
            "success by reactions, questions and new contacts, not by reach alone.</li></ul>"
        ),
        "audiences": [
            {
                "name": "Homeowners",
                "description": (
                    "People who want to make their home more sustainable and can no longer see the "
                    "wood for the trees. They're looking for honest advice on heat pumps and solar "
                    "panels and want to know what it will bring in their own situation."
                ),
            },
            {
                "name": "Business clients and property managers",
                "description": (
                    "Owners and managers of offices, schools and commercial buildings who want to "
                    "make their building more efficient and smarter. They ask for reliability, "
                    "clear agreements and a partner who thinks along about maintenance and "
                    "management."
                ),
            },
            {
                "name": "Construction partners and consultants",
                "description": (
                    "Contractors, architects and consultancies with whom we carry out projects. "
                    "They value expertise, good coordination and knowledge of new techniques."
                ),
            },
            {
                "name": "Future colleagues",
                "description": (
                    "Installers, engineers, students and career changers looking for work they can "
                    "be proud of. They want to see what the work really looks like and who their "
                    "colleagues would be."
                ),
            },
        ],
        "value_proposition": (
            "<p>Vermeer Techniek designs, installs and maintains sustainable installations as "
            "<strong>one partner</strong>: from heat pumps and solar panels to a smart building "
            "management system that makes everything work together. Customers get advice that "
            "suits their building and budget, skilled people who do the work themselves, and a "
            "fixed point of contact after handover too.</p>"
        ),
        "market_positioning": (
            "<p>We sit between the large national installation companies and the small "
            "independents. Big enough to handle the engineering, installation and management of "
            "complex projects in one pair of hands; small enough to know our customers "
            "personally.</p><p>We don't stand out with the lowest price, but with integrated "
            "solutions and honest advice, even when that means advising a customer to do something "
            "later or not at all.</p>"
        ),
        "identity": (
            "<p>We're a technical company of skilled people who are proud of their work and stay "
            "curious about what could be better: down to earth, committed and solution-focused. "
            "Our people make the difference, from the installer who explains how the system works "
            "to the engineer who comes up with a clever solution and the Customer Service "
            "colleague who calls back when agreed.</p>"
        ),
        "promise": (
            "<p>We promise our audiences <strong>honest advice and quality work that keeps "
            "working</strong>. In our content that means: no empty promises about savings, but "
            "clear explanations, real projects and people you can talk to. Anyone who follows us "
            "picks up something about sustainable building and installation.</p>"
        ),
        "themes": [
            {
                "topic": "duurzaamheid",
                "explanation": (
                    "What the energy transition means for homes and buildings, and how to tackle "
                    "it step by step. Practical and without preaching."
                ),
            },
            {
                "topic": "innovatie",
                "explanation": (
                    "New techniques such as smart building management systems and hybrid heat "
                    "pumps, explained in terms of what they deliver in practice."
                ),
            },
            {
                "topic": "klantverhalen",
                "explanation": (
                    "Projects told from the customer's side and with their permission: what was "
                    "the question, how did we tackle it and what did we learn?"
                ),
            },
            {
                "topic": "vakmanschap",
                "explanation": (
                    "The work behind the scenes: the skills of installers and engineers, training "
                    "and the details that make the difference."
                ),
            },
            {
                "topic": "werken-bij",
                "explanation": (
                    "What it's like to work at Vermeer Techniek, told by colleagues themselves, "
                    "from the first working day to a new role."
                ),
            },
            {
                "topic": "marktontwikkelingen",
                "explanation": (
                    "Rules, subsidies and trends in the installation sector and what they mean for "
                    "customers. Share them with a source and your own interpretation."
                ),
            },
            {
                "topic": "evenementen",
                "explanation": (
                    "Trade fairs, open days and industry meetings we attend, with what you saw and "
                    "learned there."
                ),
            },
        ],
        "tone_of_voice": (
            "<p>We sound like a craftsperson you trust: knowledgeable but easy to follow, "
            "enthusiastic but down to earth.</p><ul><li><strong>Clear</strong>: short sentences, "
            "and technical terms only when you explain them.</li><li><strong>Personal</strong>: we "
            "write as I or we and address readers directly as "
            "you.</li><li><strong>Honest</strong>: we don't exaggerate and we also talk about what "
            "was difficult.</li><li><strong>Positive</strong>: we show what's possible without "
            "running others down.</li></ul><p>As an ambassador you of course simply sound like "
            "yourself; this tone is a direction, not a straitjacket.</p>"
        ),
        "visual_language": (
            "<p>We show real people and real projects rather than stock "
            "photos.</p><ul><li>Colleagues at work, in work clothes and with their tools, and "
            "always with their permission.</li><li>Installations up close: neat pipework, a heat "
            "pump in place, solar panels in the morning sun.</li><li>Natural light and calm "
            "framing, without heavy filters.</li><li>No recognisable addresses, screens showing "
            "data or people who haven't agreed.</li><li>A photo on your phone is fine: good light "
            "and a steady hand matter more than an expensive camera.</li></ul>"
        ),
    },
}
