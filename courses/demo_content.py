"""Demo training content for Ambassador Academy: four courses in Dutch and English.

Pure data. One course for everyone (stage 0) and one per stage of the path: engagement,
curation and production. Each course ends with a single quiz in its last lesson. Blocks are
(type, value) tuples of the kinds "text", "callout", "checklist" and "quiz".
"""

from __future__ import annotations

COURSES = [
    {
        "slug": "social-media-basics",
        "stage": 0,
        "required": True,
        "minutes": 40,
        "prerequisites": [],
        "nl": {
            "title": "Basis sociale media",
            "summary": (
                "Zo zet je LinkedIn, X, Facebook en Instagram verstandig in voor je werk: met "
                "een verzorgd profiel, een netwerk dat bij je past en heldere grenzen over wat "
                "je wel en niet deelt."
            ),
            "goals": [
                "Je weet waar elk platform goed voor is en kiest zelf waar je actief wilt zijn.",
                (
                    "Je richt een profiel in met een goede foto, een duidelijke kopregel en je "
                    "werkgever."
                ),
                "Je stelt je privacy bewust in en herkent informatie die vertrouwelijk is.",
            ],
        },
        "en": {
            "title": "Social media basics",
            "summary": (
                "How to use LinkedIn, X, Facebook and Instagram sensibly for work: with a "
                "well-kept profile, a network that suits you and clear limits on what you do "
                "and don't share."
            ),
            "goals": [
                "You know what each platform is good for and choose where you want to be active.",
                "You set up a profile with a good photo, a clear headline and your employer.",
                "You set your privacy deliberately and recognise information that is confidential.",
            ],
        },
        "lessons": [
            {
                "slug": "vier-platformen",
                "minutes": 8,
                "nl": {
                    "title": "Vier platformen, elk met een eigen sfeer",
                    "blocks": [
                        (
                            "text",
                            (
                                "<h2>Je hoeft niet overal tegelijk te zijn</h2><p>LinkedIn, X, "
                                "Facebook en Instagram werken elk op hun eigen manier, en het "
                                "publiek verwacht op elk platform iets anders. Het werkt "
                                "meestal beter als je één of twee kanalen kiest die bij jou en "
                                "je vak passen en daar af en toe iets laat zien, dan dat je "
                                "overal een beetje aanwezig bent. Meedoen aan het "
                                "ambassadeursprogramma is vrijwillig, en dat geldt ook voor de "
                                "keuze van je kanalen.</p><h3>LinkedIn</h3><p>Het zakelijke "
                                "netwerk. Mensen komen hier voor vakinhoud: ervaringen uit "
                                "projecten, inzichten uit je werkveld, vacatures en nieuws van "
                                "organisaties. Je connecties zijn vaak collega's, klanten, "
                                "oud-studiegenoten en mensen uit je branche. Een bericht mag "
                                "hier wat langer en inhoudelijker zijn, zolang de eerste "
                                "regels nieuwsgierig maken.</p><h3>X</h3><p>Kort en snel. Op X "
                                "(het vroegere Twitter) draait het om actualiteit, debat en "
                                "het volgen van vakgenoten, journalisten en organisaties. Elke "
                                "zin telt, dus kom snel tot de kern. Discussies kunnen hier "
                                "snel oplopen; houd je toon zakelijk en "
                                "vriendelijk.</p><h3>Facebook</h3><p>Voor de meeste mensen "
                                "vooral een privékanaal: familie, vrienden, de buurt, de "
                                "sportclub. Iets over je werk delen kan, maar doe het met mate "
                                "en kies onderwerpen die ook je vrienden aanspreken, zoals een "
                                "vacature, een open dag of een project in je eigen "
                                "woonplaats.</p><h3>Instagram</h3><p>Hier staat beeld voorop. "
                                "Foto's, korte video's en stories geven een kijkje achter de "
                                "schermen: je werkplek, een evenement, je team aan het werk. "
                                "De tekst is ondersteunend, maar een goede beschrijving maakt "
                                "duidelijk wat je laat zien.</p><h2>Zakelijk en privé: maak "
                                "vooraf een keuze</h2><p>Sommige collega's houden Facebook en "
                                "Instagram liever helemaal voor zichzelf en gebruiken alleen "
                                "LinkedIn voor hun werk. Anderen vinden het juist leuk om "
                                "vrienden af en toe mee te nemen in wat ze doen. Allebei "
                                "prima. Bepaal vooraf wat voor jou klopt, dan hoef je niet bij "
                                "elk bericht opnieuw te twijfelen.</p>"
                            ),
                        ),
                        (
                            "callout",
                            {
                                "kind": "tip",
                                "text": (
                                    "Begin klein: kies één platform waar je al een account "
                                    "hebt en kijk een week lang wat collega's en vakgenoten er "
                                    "plaatsen, voordat je zelf iets doet."
                                ),
                            },
                        ),
                        (
                            "checklist",
                            {
                                "title": "Kies je kanalen",
                                "items": [
                                    "Op welke platformen heb ik al een account?",
                                    "Waar zijn de mensen uit mijn vakgebied actief?",
                                    "Welk account wil ik privé houden?",
                                    "Hoeveel tijd per week wil ik hieraan besteden?",
                                ],
                            },
                        ),
                    ],
                },
                "en": {
                    "title": "Four platforms, each with its own character",
                    "blocks": [
                        (
                            "text",
                            (
                                "<h2>You don't have to be everywhere at once</h2><p>LinkedIn, "
                                "X, Facebook and Instagram each work in their own way, and "
                                "people expect something different on each of them. It usually "
                                "works better to pick one or two channels that suit you and "
                                "your field and to show up there now and then, than to be a "
                                "little bit present everywhere. Taking part in the ambassador "
                                "programme is voluntary, and so is your choice of "
                                "channels.</p><h3>LinkedIn</h3><p>The professional network. "
                                "People come here for expertise: lessons from projects, "
                                "insights from your field, vacancies and news from "
                                "organisations. Your connections are often colleagues, "
                                "customers, former classmates and people in your industry. A "
                                "post can be a little longer and more substantial here, as "
                                "long as the first lines make people "
                                "curious.</p><h3>X</h3><p>Short and fast. On X (formerly "
                                "Twitter) it is all about current events, debate and following "
                                "peers, journalists and organisations. Every sentence counts, "
                                "so get to the point quickly. Discussions can heat up fast "
                                "here; keep your tone businesslike and "
                                "friendly.</p><h3>Facebook</h3><p>For most people this is "
                                "mainly a private channel: family, friends, the neighbourhood, "
                                "the sports club. Sharing something about your work is fine, "
                                "but do it sparingly and pick topics your friends care about "
                                "too, such as a vacancy, an open day or a project in your own "
                                "town.</p><h3>Instagram</h3><p>Images come first here. Photos, "
                                "short videos and stories give a look behind the scenes: your "
                                "workplace, an event, your team at work. The text plays a "
                                "supporting role, but a good caption makes clear what people "
                                "are looking at.</p><h2>Work and private life: decide in "
                                "advance</h2><p>Some colleagues prefer to keep Facebook and "
                                "Instagram entirely to themselves and use only LinkedIn for "
                                "work. Others enjoy showing their friends what they do every "
                                "now and then. Both are fine. Decide up front what feels right "
                                "for you, so you don't have to hesitate all over again with "
                                "every post.</p>"
                            ),
                        ),
                        (
                            "callout",
                            {
                                "kind": "tip",
                                "text": (
                                    "Start small: pick one platform where you already have an "
                                    "account and spend a week watching what colleagues and "
                                    "peers post there before you post anything yourself."
                                ),
                            },
                        ),
                        (
                            "checklist",
                            {
                                "title": "Choose your channels",
                                "items": [
                                    "Which platforms do I already have an account on?",
                                    "Where are the people in my field active?",
                                    "Which account do I want to keep private?",
                                    "How much time per week do I want to spend on this?",
                                ],
                            },
                        ),
                    ],
                },
            },
            {
                "slug": "een-goed-profiel",
                "minutes": 10,
                "nl": {
                    "title": "Een profiel dat klopt",
                    "blocks": [
                        (
                            "text",
                            (
                                "<h2>Je profiel is je visitekaartje</h2><p>Wie jouw bericht "
                                "interessant vindt, klikt meestal eerst door naar je profiel. "
                                "In een paar seconden wil die persoon weten wie je bent en "
                                "waarom je iets zinnigs te zeggen hebt. Een verzorgd profiel "
                                "maakt alles wat je deelt geloofwaardiger.</p><h3>Een foto "
                                "waarop je herkenbaar bent</h3><ul><li>Kies een recente foto "
                                "waarop je gezicht goed te zien is en je in de camera "
                                "kijkt.</li><li>Zorg voor zacht licht en een rustige "
                                "achtergrond. Je telefoon en een plek bij het raam zijn "
                                "genoeg.</li><li>Vermijd groepsfoto's, zonnebrillen en "
                                "vakantiekiekjes waar iemand half uit is "
                                "geknipt.</li><li>Gebruik op je zakelijke kanalen dezelfde "
                                "foto, zodat mensen je overal herkennen.</li></ul><h3>Een "
                                "kopregel die zegt wat je doet</h3><p>Op LinkedIn staat je "
                                "kopregel naast je naam bij alles wat je plaatst. Een "
                                "functietitel alleen zegt vaak weinig. Beschrijf liever wat je "
                                "doet en voor wie, bijvoorbeeld: <em>Adviseur duurzame "
                                "huisvesting bij [organisatie] | help scholen energie te "
                                "besparen</em>. Op X en Instagram heb je een korte bio; ook "
                                "daar werkt één heldere zin beter dan een rij "
                                "modewoorden.</p><h3>Noem je werkgever</h3><p>Zet bij je "
                                "werkervaring of in je bio waar je werkt. Dat is eerlijk "
                                "tegenover je netwerk: wie een bericht van jou leest over je "
                                "organisatie, hoort te weten dat je daar werkt. Op LinkedIn "
                                "koppel je je functie aan de bedrijfspagina, zodat het logo "
                                "verschijnt. Op X of Instagram kun je in je bio bijvoorbeeld "
                                "zetten: <em>Werkt bij [organisatie]. Berichten zijn mijn "
                                "eigen mening.</em></p><h3>Maak het af</h3><p>Een korte "
                                "samenvatting over je vakgebied, een paar vaardigheden en je "
                                "werkervaring maken het plaatje compleet. Houd het actueel: "
                                "een functie van drie jaar geleden of een foto van tien jaar "
                                "terug werkt tegen je. Kijk er een paar keer per jaar even "
                                "naar, bijvoorbeeld na een nieuwe rol of een afgerond "
                                "project.</p>"
                            ),
                        ),
                        (
                            "callout",
                            {
                                "kind": "tip",
                                "text": (
                                    "Vraag een collega om naar je profiel te kijken alsof die "
                                    "je niet kent. Wat valt op, wat mist er, wat is "
                                    "onduidelijk?"
                                ),
                            },
                        ),
                        (
                            "checklist",
                            {
                                "title": "Profielcheck",
                                "items": [
                                    "Recente, herkenbare profielfoto",
                                    "Kopregel die zegt wat je doet en voor wie",
                                    "Huidige werkgever vermeld en gekoppeld",
                                    "Korte samenvatting over je vakgebied",
                                    "Alleen de contactgegevens die je echt wilt delen",
                                ],
                            },
                        ),
                    ],
                },
                "en": {
                    "title": "A profile that works",
                    "blocks": [
                        (
                            "text",
                            (
                                "<h2>Your profile is your business card</h2><p>When someone "
                                "finds your post interesting, they usually click through to "
                                "your profile first. Within a few seconds they want to know "
                                "who you are and why you have something worthwhile to say. A "
                                "well-kept profile makes everything you share more "
                                "credible.</p><h3>A photo in which people recognise "
                                "you</h3><ul><li>Choose a recent photo in which your face is "
                                "clearly visible and you look into the camera.</li><li>Look "
                                "for soft light and a calm background. Your phone and a spot "
                                "by the window are enough.</li><li>Avoid group photos, "
                                "sunglasses and holiday snaps with someone half cropped "
                                "out.</li><li>Use the same photo on your professional channels "
                                "so people recognise you everywhere.</li></ul><h3>A headline "
                                "that says what you do</h3><p>On LinkedIn your headline "
                                "appears next to your name on everything you post. A job title "
                                "on its own often says very little. Describe what you do and "
                                "for whom instead, for example: <em>Sustainable housing "
                                "adviser at [organisation] | helping schools save energy</em>. "
                                "On X and Instagram you have a short bio; there too, one clear "
                                "sentence works better than a string of "
                                "buzzwords.</p><h3>Mention your employer</h3><p>State where "
                                "you work in your experience section or your bio. It is honest "
                                "towards your network: anyone reading a post of yours about "
                                "your organisation should know that you work there. On "
                                "LinkedIn you link your position to the company page so the "
                                "logo appears. On X or Instagram you could write something "
                                "like this in your bio: <em>Works at [organisation]. Views are "
                                "my own.</em></p><h3>Finish it off</h3><p>A short summary of "
                                "your field, a few skills and your work history complete the "
                                "picture. Keep it up to date: a job from three years ago or a "
                                "photo from ten years back works against you. Take a quick "
                                "look a few times a year, for example after a new role or a "
                                "finished project.</p>"
                            ),
                        ),
                        (
                            "callout",
                            {
                                "kind": "tip",
                                "text": (
                                    "Ask a colleague to look at your profile as if they didn't "
                                    "know you. What stands out, what is missing, what is "
                                    "unclear?"
                                ),
                            },
                        ),
                        (
                            "checklist",
                            {
                                "title": "Profile check",
                                "items": [
                                    "Recent, recognisable profile photo",
                                    "Headline that says what you do and for whom",
                                    "Current employer mentioned and linked",
                                    "Short summary of your field",
                                    "Only the contact details you really want to share",
                                ],
                            },
                        ),
                    ],
                },
            },
            {
                "slug": "netwerk-en-privacy",
                "minutes": 10,
                "nl": {
                    "title": "Je netwerk en je privacy",
                    "blocks": [
                        (
                            "text",
                            (
                                "<h2>Bouw een netwerk dat bij je past</h2><p>Een groot netwerk "
                                "is niet vanzelf een goed netwerk. Het gaat erom dat de mensen "
                                "die jouw berichten zien er iets aan hebben. Een paar honderd "
                                "betrokken vakgenoten zijn meer waard dan duizenden "
                                "onbekenden.</p><ul><li><strong>Begin dichtbij:</strong> "
                                "collega's, oud-collega's, klanten en partners met wie je echt "
                                "contact hebt gehad.</li><li><strong>Voeg een persoonlijke "
                                "noot toe</strong> aan een uitnodiging: waar je elkaar van "
                                "kent of waarom je wilt verbinden.</li><li><strong>Volg in "
                                "plaats van verbinden</strong> als je iemand niet persoonlijk "
                                "kent maar wel interessant vindt, zoals een onderzoeker of een "
                                "vakblad.</li><li><strong>Doe mee in groepen en "
                                "gesprekken</strong> over je vak; zo leer je vanzelf nieuwe "
                                "mensen kennen.</li></ul><p>Je hoeft niet elke uitnodiging te "
                                "accepteren. Een profiel zonder foto, zonder werkgeschiedenis "
                                "en met een vaag verzoek laat je beter liggen: nepprofielen "
                                "worden gebruikt voor oplichting en om gegevens te "
                                "verzamelen.</p><h2>Stel je privacy bewust in</h2><p>Alle "
                                "platformen hebben privacy-instellingen, en de "
                                "standaardinstellingen zijn vaak ruimer dan je denkt. Loop ze "
                                "één keer rustig door; je vindt ze meestal onder onderdelen "
                                "als privacy, zichtbaarheid en beveiliging. Let in elk geval "
                                "op deze vragen:</p><ul><li>Wie kan je berichten zien: "
                                "iedereen, alleen je netwerk of een selectie?</li><li>Wie ziet "
                                "je e-mailadres, telefoonnummer of geboortedatum? Deel niet "
                                "meer dan nodig.</li><li>Mogen anderen je taggen in foto's "
                                "zonder dat jij het eerst goedkeurt?</li><li>Wordt je locatie "
                                "bij berichten getoond?</li><li>Staat tweestapsverificatie "
                                "aan? Dat beschermt je account als je wachtwoord ooit "
                                "uitlekt.</li></ul><p>Wil je een account privé houden, dan kun "
                                "je dat op de meeste platformen instellen. Bedenk wel dat iets "
                                "wat je met een kleine groep deelt, nog altijd kan worden "
                                "doorgestuurd of vastgelegd met een schermafbeelding. Ga er "
                                "daarom van uit dat alles wat je online zet, openbaar kan "
                                "worden.</p>"
                            ),
                        ),
                        (
                            "callout",
                            {
                                "kind": "warning",
                                "text": (
                                    "Gebruik voor je sociale media nooit hetzelfde wachtwoord "
                                    "als voor je werkaccount. Een gelekt wachtwoord van het "
                                    "ene account kan anders de deur openen naar het andere."
                                ),
                            },
                        ),
                        (
                            "checklist",
                            {
                                "title": "Privacy in tien minuten",
                                "items": [
                                    "Zichtbaarheid van mijn berichten gecontroleerd",
                                    "Contactgegevens afgeschermd waar dat kan",
                                    "Taggen alleen na mijn goedkeuring",
                                    "Locatie bij berichten uitgezet",
                                    "Tweestapsverificatie aangezet",
                                ],
                            },
                        ),
                    ],
                },
                "en": {
                    "title": "Your network and your privacy",
                    "blocks": [
                        (
                            "text",
                            (
                                "<h2>Build a network that suits you</h2><p>A big network is "
                                "not automatically a good one. What matters is that the people "
                                "who see your posts get something out of them. A few hundred "
                                "engaged peers are worth more than thousands of "
                                "strangers.</p><ul><li><strong>Start close to home:</strong> "
                                "colleagues, former colleagues, customers and partners you "
                                "have actually worked with.</li><li><strong>Add a personal "
                                "note</strong> to an invitation: how you know each other or "
                                "why you would like to connect.</li><li><strong>Follow instead "
                                "of connecting</strong> when you don't know someone personally "
                                "but find them interesting, such as a researcher or a trade "
                                "magazine.</li><li><strong>Join groups and "
                                "conversations</strong> about your field; that is how you meet "
                                "new people naturally.</li></ul><p>You don't have to accept "
                                "every invitation. A profile without a photo, without a work "
                                "history and with a vague request is best ignored: fake "
                                "profiles are used for scams and to harvest data.</p><h2>Set "
                                "your privacy deliberately</h2><p>Every platform has privacy "
                                "settings, and the defaults are often more open than you "
                                "think. Go through them calmly once; you will usually find "
                                "them under sections such as privacy, visibility and security. "
                                "At the very least, check these questions:</p><ul><li>Who can "
                                "see your posts: everyone, only your network, or a "
                                "selection?</li><li>Who can see your e-mail address, phone "
                                "number or date of birth? Share no more than "
                                "needed.</li><li>Can others tag you in photos without your "
                                "approval?</li><li>Is your location shown with your "
                                "posts?</li><li>Is two-step verification switched on? It "
                                "protects your account if your password ever "
                                "leaks.</li></ul><p>If you want to keep an account private, "
                                "most platforms let you do that. Keep in mind, though, that "
                                "something you share with a small group can still be forwarded "
                                "or captured in a screenshot. So assume that anything you put "
                                "online may become public.</p>"
                            ),
                        ),
                        (
                            "callout",
                            {
                                "kind": "warning",
                                "text": (
                                    "Never use the same password for your social media as for "
                                    "your work account. Otherwise a leaked password for one "
                                    "account can open the door to the other."
                                ),
                            },
                        ),
                        (
                            "checklist",
                            {
                                "title": "Privacy in ten minutes",
                                "items": [
                                    "Checked who can see my posts",
                                    "Contact details hidden where possible",
                                    "Tagging only after my approval",
                                    "Location on posts switched off",
                                    "Two-step verification switched on",
                                ],
                            },
                        ),
                    ],
                },
            },
            {
                "slug": "wat-deel-je-wel-en-niet",
                "minutes": 12,
                "nl": {
                    "title": "Wat deel je wel, en wat niet?",
                    "blocks": [
                        (
                            "text",
                            (
                                "<h2>Een eenvoudige vuistregel</h2><p>Stel jezelf bij elk "
                                "bericht de vraag: zou ik dit ook hardop zeggen op een "
                                "congres, met mijn leidinggevende, een klant en een journalist "
                                "in de zaal? Is het antwoord nee, of twijfel je, deel het dan "
                                "niet of vraag het eerst na.</p><h3>Dit kun je gerust "
                                "delen</h3><ul><li>Berichten die je organisatie zelf al "
                                "openbaar heeft gemaakt, zoals nieuws op de website of posts "
                                "van de bedrijfspagina.</li><li>Je eigen ervaringen en lessen, "
                                "zonder vertrouwelijke details.</li><li>Kennis uit je "
                                "vakgebied, artikelen en evenementen waar je netwerk iets aan "
                                "heeft.</li><li>Vacatures, en successen van collega's als zij "
                                "het goed vinden om genoemd te worden.</li></ul><h3>Dit deel "
                                "je niet</h3><ul><li>Informatie die (nog) niet openbaar is: "
                                "cijfers, plannen, reorganisaties, aanbestedingen, "
                                "productlanceringen.</li><li>Namen en details van klanten "
                                "zonder hun toestemming.</li><li>Persoonsgegevens van "
                                "collega's of klanten, en foto's waarop schermen, documenten "
                                "of whiteboards te lezen zijn.</li><li>Interne discussies, "
                                "klachten of conflicten.</li><li>Standpunten namens de "
                                "organisatie, als je daar niet de woordvoerder voor "
                                "bent.</li></ul><h2>Je spreekt voor jezelf</h2><p>Als "
                                "ambassadeur spreek je op persoonlijke titel. Je laat zien wat "
                                "jij doet, ziet en vindt, en dat is precies wat je berichten "
                                "waardevol maakt. Vraagt een journalist om een reactie, of "
                                "gaat een discussie over een gevoelig onderwerp rond je "
                                "organisatie, verwijs dan vriendelijk naar de afdeling "
                                "communicatie. Daarmee bescherm je jezelf en je "
                                "werkgever.</p><p>Twijfel je? Dan is dat een prima reden om "
                                "het even na te vragen bij het Mentorloket of bij "
                                "communicatie. Niemand kijkt daar op van een vraag; beter tien "
                                "keer te vroeg gevraagd dan één keer te laat.</p>"
                            ),
                        ),
                        (
                            "callout",
                            {
                                "kind": "warning",
                                "text": (
                                    "Wat eenmaal gedeeld is, haal je moeilijk terug. Ook als "
                                    "je een bericht verwijdert, kan iemand het al hebben "
                                    "opgeslagen of er een schermafbeelding van hebben gemaakt."
                                ),
                            },
                        ),
                        (
                            "quiz",
                            {
                                "title": "Toets: basis sociale media",
                                "pass_mark": 70,
                                "questions": [
                                    {
                                        "kind": "single",
                                        "text": (
                                            "Wat is de belangrijkste functie van je kopregel "
                                            "op LinkedIn?"
                                        ),
                                        "options": [
                                            {
                                                "text": "Laten zien wat je doet en voor wie",
                                                "correct": True,
                                                "feedback": (
                                                    "Klopt: een heldere kopregel vertelt in "
                                                    "één oogopslag waarom je berichten de "
                                                    "moeite waard zijn."
                                                ),
                                            },
                                            {
                                                "text": "Zoveel mogelijk modewoorden opsommen",
                                                "correct": False,
                                                "feedback": (
                                                    "Een rij modewoorden zegt weinig; één "
                                                    "duidelijke zin werkt beter."
                                                ),
                                            },
                                            {
                                                "text": "Alleen je functietitel noemen",
                                                "correct": False,
                                                "feedback": (
                                                    "Een functietitel alleen vertelt vaak niet "
                                                    "wat je precies doet of voor wie."
                                                ),
                                            },
                                            {
                                                "text": "Je telefoonnummer tonen",
                                                "correct": False,
                                                "feedback": (
                                                    "Contactgegevens horen niet in je kopregel "
                                                    "en deel je alleen als je dat echt wilt."
                                                ),
                                            },
                                        ],
                                    },
                                    {
                                        "kind": "multiple",
                                        "text": (
                                            "Welke informatie deel je niet zonder overleg? "
                                            "Kies alle juiste antwoorden."
                                        ),
                                        "options": [
                                            {
                                                "text": (
                                                    "Omzetcijfers die nog niet gepubliceerd zijn"
                                                ),
                                                "correct": True,
                                                "feedback": (
                                                    "Juist: cijfers die nog niet openbaar "
                                                    "zijn, zijn vertrouwelijk."
                                                ),
                                            },
                                            {
                                                "text": (
                                                    "De naam van een klant die je net hebt bezocht"
                                                ),
                                                "correct": True,
                                                "feedback": (
                                                    "Juist: een klant noem je alleen als die "
                                                    "daar toestemming voor geeft."
                                                ),
                                            },
                                            {
                                                "text": (
                                                    "Een bericht dat al op de bedrijfspagina staat"
                                                ),
                                                "correct": False,
                                                "feedback": (
                                                    "Dat is al openbaar, dus dat kun je gewoon "
                                                    "delen."
                                                ),
                                            },
                                            {
                                                "text": (
                                                    "Een foto met een leesbaar whiteboard vol "
                                                    "projectplannen"
                                                ),
                                                "correct": True,
                                                "feedback": (
                                                    "Juist: let altijd op wat er op de "
                                                    "achtergrond te lezen is."
                                                ),
                                            },
                                        ],
                                    },
                                    {
                                        "kind": "truefalse",
                                        "text": (
                                            "Om mee te doen als merkambassadeur moet je op al "
                                            "je sociale media-accounts actief zijn."
                                        ),
                                        "options": [
                                            {
                                                "text": "Waar",
                                                "correct": False,
                                                "feedback": (
                                                    "Dat hoeft niet: één of twee platformen "
                                                    "die bij je passen is vaak beter."
                                                ),
                                            },
                                            {
                                                "text": "Niet waar",
                                                "correct": True,
                                                "feedback": (
                                                    "Klopt: je kiest zelf welke kanalen je "
                                                    "gebruikt, en meedoen is vrijwillig."
                                                ),
                                            },
                                        ],
                                    },
                                    {
                                        "kind": "single",
                                        "text": (
                                            "Een journalist stuurt je vragen over een "
                                            "reorganisatie bij je werkgever. Wat doe je?"
                                        ),
                                        "options": [
                                            {
                                                "text": (
                                                    "Je verwijst vriendelijk naar de afdeling "
                                                    "communicatie"
                                                ),
                                                "correct": True,
                                                "feedback": (
                                                    "Goed: je spreekt op persoonlijke titel, "
                                                    "niet namens de organisatie."
                                                ),
                                            },
                                            {
                                                "text": "Je vertelt wat je op de gang hebt gehoord",
                                                "correct": False,
                                                "feedback": (
                                                    "Interne informatie en geruchten deel je "
                                                    "niet, zeker niet met de pers."
                                                ),
                                            },
                                            {
                                                "text": "Je zet je antwoord openbaar op LinkedIn",
                                                "correct": False,
                                                "feedback": (
                                                    "Daarmee spreek je in het openbaar namens "
                                                    "de organisatie over een gevoelig "
                                                    "onderwerp."
                                                ),
                                            },
                                        ],
                                    },
                                ],
                            },
                        ),
                    ],
                },
                "en": {
                    "title": "What to share, and what not",
                    "blocks": [
                        (
                            "text",
                            (
                                "<h2>A simple rule of thumb</h2><p>Before every post, ask "
                                "yourself: would I also say this out loud at a conference, "
                                "with my manager, a customer and a journalist in the room? If "
                                "the answer is no, or you are not sure, don't share it, or "
                                "check first.</p><h3>Fine to share</h3><ul><li>Posts your "
                                "organisation has already made public, such as news on the "
                                "website or posts from the company page.</li><li>Your own "
                                "experiences and lessons learned, without confidential "
                                "details.</li><li>Knowledge from your field, articles and "
                                "events your network will find useful.</li><li>Vacancies, and "
                                "colleagues' successes if they are happy to be "
                                "mentioned.</li></ul><h3>Don't share</h3><ul><li>Information "
                                "that is not (yet) public: figures, plans, reorganisations, "
                                "tenders, product launches.</li><li>Names and details of "
                                "customers without their permission.</li><li>Personal data of "
                                "colleagues or customers, and photos in which screens, "
                                "documents or whiteboards can be read.</li><li>Internal "
                                "discussions, complaints or conflicts.</li><li>Positions on "
                                "behalf of the organisation, if you are not its spokesperson "
                                "for that.</li></ul><h2>You speak for yourself</h2><p>As an "
                                "ambassador you speak in a personal capacity. You show what "
                                "you do, see and think, and that is exactly what makes your "
                                "posts valuable. If a journalist asks for a comment, or a "
                                "discussion turns to a sensitive topic about your "
                                "organisation, kindly refer them to the communications "
                                "department. That protects both you and your "
                                "employer.</p><p>In doubt? That is a perfectly good reason to "
                                "check with the mentor desk or with communications. Nobody "
                                "there will be surprised by a question; better to ask ten "
                                "times too early than once too late.</p>"
                            ),
                        ),
                        (
                            "callout",
                            {
                                "kind": "warning",
                                "text": (
                                    "Once something is shared, it is hard to take back. Even "
                                    "if you delete a post, someone may already have saved it "
                                    "or taken a screenshot."
                                ),
                            },
                        ),
                        (
                            "quiz",
                            {
                                "title": "Quiz: social media basics",
                                "pass_mark": 70,
                                "questions": [
                                    {
                                        "kind": "single",
                                        "text": "What is the main job of your LinkedIn headline?",
                                        "options": [
                                            {
                                                "text": "Showing what you do and for whom",
                                                "correct": True,
                                                "feedback": (
                                                    "Right: a clear headline tells people at a "
                                                    "glance why your posts are worth reading."
                                                ),
                                            },
                                            {
                                                "text": "Listing as many buzzwords as possible",
                                                "correct": False,
                                                "feedback": (
                                                    "A string of buzzwords says little; one "
                                                    "clear sentence works better."
                                                ),
                                            },
                                            {
                                                "text": "Stating only your job title",
                                                "correct": False,
                                                "feedback": (
                                                    "A job title alone often doesn't say what "
                                                    "you actually do or for whom."
                                                ),
                                            },
                                            {
                                                "text": "Showing your phone number",
                                                "correct": False,
                                                "feedback": (
                                                    "Contact details don't belong in your "
                                                    "headline, and you only share them if you "
                                                    "really want to."
                                                ),
                                            },
                                        ],
                                    },
                                    {
                                        "kind": "multiple",
                                        "text": (
                                            "Which information do you not share without "
                                            "checking first? Select all correct answers."
                                        ),
                                        "options": [
                                            {
                                                "text": (
                                                    "Revenue figures that have not been "
                                                    "published yet"
                                                ),
                                                "correct": True,
                                                "feedback": (
                                                    "Correct: figures that are not yet public "
                                                    "are confidential."
                                                ),
                                            },
                                            {
                                                "text": (
                                                    "The name of a customer you have just visited"
                                                ),
                                                "correct": True,
                                                "feedback": (
                                                    "Correct: you only name a customer if they "
                                                    "give permission."
                                                ),
                                            },
                                            {
                                                "text": (
                                                    "A post that is already on the company page"
                                                ),
                                                "correct": False,
                                                "feedback": (
                                                    "That is already public, so you can simply "
                                                    "share it."
                                                ),
                                            },
                                            {
                                                "text": (
                                                    "A photo with a readable whiteboard full "
                                                    "of project plans"
                                                ),
                                                "correct": True,
                                                "feedback": (
                                                    "Correct: always check what can be read in "
                                                    "the background."
                                                ),
                                            },
                                        ],
                                    },
                                    {
                                        "kind": "truefalse",
                                        "text": (
                                            "To take part as a brand ambassador, you have to "
                                            "be active on all your social media accounts."
                                        ),
                                        "options": [
                                            {
                                                "text": "True",
                                                "correct": False,
                                                "feedback": (
                                                    "Not necessary: one or two platforms that "
                                                    "suit you are often better."
                                                ),
                                            },
                                            {
                                                "text": "False",
                                                "correct": True,
                                                "feedback": (
                                                    "Right: you choose which channels you use, "
                                                    "and taking part is voluntary."
                                                ),
                                            },
                                        ],
                                    },
                                    {
                                        "kind": "single",
                                        "text": (
                                            "A journalist sends you questions about a "
                                            "reorganisation at your employer. What do you do?"
                                        ),
                                        "options": [
                                            {
                                                "text": (
                                                    "You kindly refer them to the "
                                                    "communications department"
                                                ),
                                                "correct": True,
                                                "feedback": (
                                                    "Good: you speak in a personal capacity, "
                                                    "not on behalf of the organisation."
                                                ),
                                            },
                                            {
                                                "text": (
                                                    "You tell them what you heard in the corridor"
                                                ),
                                                "correct": False,
                                                "feedback": (
                                                    "You don't share internal information or "
                                                    "rumours, certainly not with the press."
                                                ),
                                            },
                                            {
                                                "text": "You post your answer publicly on LinkedIn",
                                                "correct": False,
                                                "feedback": (
                                                    "That means speaking publicly for the "
                                                    "organisation on a sensitive topic."
                                                ),
                                            },
                                        ],
                                    },
                                ],
                            },
                        ),
                    ],
                },
            },
        ],
    },
    {
        "slug": "stage-1-engagement",
        "stage": 1,
        "required": True,
        "minutes": 38,
        "prerequisites": [
            "social-media-basics",
        ],
        "nl": {
            "title": "Fase 1: engagement",
            "summary": (
                "Like, deel en reageer op berichten van je organisatie en collega's op een "
                "manier die persoonlijk blijft en je netwerk echt iets oplevert."
            ),
            "goals": [
                "Je kiest bewust welke berichten je liket, deelt of van een reactie voorziet.",
                "Je voegt bij het delen een eigen regel toe en kiest een goed moment.",
                "Je bent open over je dienstverband en weet wat je doet bij negatieve reacties.",
            ],
        },
        "en": {
            "title": "Stage 1: engagement",
            "summary": (
                "Like, share and comment on posts from your organisation and colleagues in a "
                "way that stays personal and genuinely gives your network something."
            ),
            "goals": [
                "You consciously choose which posts to like, share or comment on.",
                "You add a line of your own when sharing and pick a good moment.",
                "You are open about your employment and know what to do with negative reactions.",
            ],
        },
        "lessons": [
            {
                "slug": "liken-delen-reageren",
                "minutes": 8,
                "nl": {
                    "title": "Liken, reageren en delen",
                    "blocks": [
                        (
                            "text",
                            (
                                "<h2>Drie manieren om mee te doen</h2><p>In de eerste fase "
                                "werk je met berichten die er al zijn: posts van de "
                                "bedrijfspagina's van je organisatie en van collega's. Je "
                                "hoeft nog niets zelf te maken. Toch maakt jouw reactie "
                                "verschil. Platformen laten berichten waarop mensen reageren "
                                "vaak aan meer mensen zien, en je netwerk ziet waar jij achter "
                                "staat.</p><h3>Liken: klein gebaar, weinig moeite</h3><p>Een "
                                "like, of een andere reactie zoals een applausje op LinkedIn, "
                                "is de lichtste vorm van betrokkenheid. Het kost een seconde "
                                "en laat de maker weten dat het bericht gewaardeerd wordt. "
                                "Like alleen wat je echt goed vindt; anders verliest je "
                                "duimpje zijn betekenis.</p><h3>Reageren: het gesprek verder "
                                "helpen</h3><p>Een reactie is meer waard dan een like, omdat "
                                "je er een gesprek mee op gang brengt. ‘Mooi!’ of ‘Top!’ voegt "
                                "weinig toe. Sterker is een reactie waarin iets van jou "
                                "zit:</p><ul><li>een aanvulling uit je eigen ervaring: <em>Dit "
                                "herken ik van ons project in Zwolle, daar merkten we "
                                "dat…</em></li><li>een vraag die het gesprek verder brengt: "
                                "<em>Hoe hebben jullie de bewoners erbij "
                                "betrokken?</em></li><li>een compliment dat concreet is: "
                                "<em>Knap hoe jullie de planning hebben gehaald ondanks de "
                                "storm.</em></li></ul><h3>Delen: het bericht naar je eigen "
                                "netwerk brengen</h3><p>Als je een bericht deelt, komt het "
                                "terecht bij mensen die je organisatie misschien niet volgen. "
                                "Het is de grootste stap van de drie, want je verbindt je naam "
                                "eraan. Deel daarom vooral wat jouw netwerk interessant vindt, "
                                "niet alles wat voorbijkomt.</p><h2>Kies wat bij jou "
                                "past</h2><p>Niet elk bericht van je organisatie hoeft via jou "
                                "te lopen. Een collega van HR deelt andere dingen dan iemand "
                                "van de technische dienst, en dat is precies de bedoeling: "
                                "ieder bereikt zijn eigen mensen met wat voor hen relevant is. "
                                "Krijg je via de Academy een suggestie die niet bij je past, "
                                "sla die dan gewoon over. Dat is geen gemiste kans, maar een "
                                "goede keuze.</p>"
                            ),
                        ),
                        (
                            "callout",
                            {
                                "kind": "tip",
                                "text": (
                                    "Reageer eens op het bericht van een collega die net "
                                    "begint op LinkedIn. Een eerste serieuze reactie op een "
                                    "eerste bericht is enorm motiverend."
                                ),
                            },
                        ),
                        (
                            "checklist",
                            {
                                "title": "Voordat je reageert",
                                "items": [
                                    "Heb ik het hele bericht gelezen, niet alleen de kop?",
                                    "Voegt mijn reactie iets toe?",
                                    "Zou ik dit ook in het echt tegen deze persoon zeggen?",
                                    "Past dit bij wat mijn netwerk van mij verwacht?",
                                ],
                            },
                        ),
                    ],
                },
                "en": {
                    "title": "Liking, commenting and sharing",
                    "blocks": [
                        (
                            "text",
                            (
                                "<h2>Three ways to take part</h2><p>In the first stage you "
                                "work with posts that already exist: posts from your "
                                "organisation's company pages and from colleagues. You don't "
                                "have to create anything yourself yet. Even so, your response "
                                "makes a difference. Platforms often show posts that people "
                                "react to to more people, and your network sees what you stand "
                                "behind.</p><h3>Liking: a small gesture, little "
                                "effort</h3><p>A like, or another reaction such as a round of "
                                "applause on LinkedIn, is the lightest form of engagement. It "
                                "takes a second and tells the author their post is "
                                "appreciated. Only like what you genuinely think is good; "
                                "otherwise your thumbs-up loses its "
                                "meaning.</p><h3>Commenting: moving the conversation "
                                "forward</h3><p>A comment is worth more than a like because it "
                                "gets a conversation going. ‘Nice!’ or ‘Great!’ adds little. A "
                                "comment with something of you in it is "
                                "stronger:</p><ul><li>an addition from your own experience: "
                                "<em>I recognise this from our project in Leeds, where we "
                                "noticed that…</em></li><li>a question that takes the "
                                "conversation further: <em>How did you get the residents "
                                "involved?</em></li><li>a specific compliment: <em>Impressive "
                                "that you kept to the schedule despite the "
                                "storm.</em></li></ul><h3>Sharing: taking the post to your own "
                                "network</h3><p>When you share a post, it reaches people who "
                                "may not follow your organisation. It is the biggest step of "
                                "the three, because you attach your name to it. So share "
                                "mainly what your network will find interesting, not "
                                "everything that comes along.</p><h2>Choose what suits "
                                "you</h2><p>Not every post from your organisation has to go "
                                "through you. A colleague in HR shares different things from "
                                "someone in facilities, and that is exactly the point: "
                                "everyone reaches their own people with what is relevant to "
                                "them. If the Academy suggests something that doesn't suit "
                                "you, simply skip it. That is not a missed opportunity but a "
                                "good choice.</p>"
                            ),
                        ),
                        (
                            "callout",
                            {
                                "kind": "tip",
                                "text": (
                                    "Comment on a post by a colleague who has just started on "
                                    "LinkedIn. A first thoughtful comment on a first post is "
                                    "hugely motivating."
                                ),
                            },
                        ),
                        (
                            "checklist",
                            {
                                "title": "Before you comment",
                                "items": [
                                    "Have I read the whole post, not just the headline?",
                                    "Does my comment add something?",
                                    "Would I say this to this person face to face?",
                                    "Does this fit what my network expects from me?",
                                ],
                            },
                        ),
                    ],
                },
            },
            {
                "slug": "persoonlijke-regel-en-timing",
                "minutes": 10,
                "nl": {
                    "title": "Een eigen regel en het goede moment",
                    "blocks": [
                        (
                            "text",
                            (
                                "<h2>Waarom een eigen regel zoveel uitmaakt</h2><p>Een bericht "
                                "zonder toelichting doorsturen is zo gedaan, maar je netwerk "
                                "heeft dan geen idee waarom jij het deelt. Met één of twee "
                                "zinnen van jezelf maak je er iets persoonlijks van. Mensen "
                                "reageren op mensen, niet op een doorgestuurd "
                                "logo.</p><p>Krijg je vanuit de Academy een voorbeeldtekst "
                                "mee? Zie die als inspiratie, niet als script. Als tientallen "
                                "collega's tegelijk precies dezelfde zin plaatsen, lijkt het "
                                "op een campagne en haakt je netwerk af. Jouw eigen woorden "
                                "zijn geloofwaardiger.</p><h3>Zo schrijf je een persoonlijke "
                                "regel</h3><ul><li><strong>Waarom raakt het jou?</strong> "
                                "<em>Ik heb zelf aan dit project meegewerkt en ben blij dat "
                                "het nu live is.</em></li><li><strong>Voor wie is het "
                                "handig?</strong> <em>Nuttig voor iedereen die met "
                                "subsidieaanvragen worstelt.</em></li><li><strong>Wat is jouw "
                                "inzicht?</strong> <em>Wat mij opviel: de kleinste aanpassing "
                                "leverde de meeste winst op.</em></li><li><strong>Nodig uit "
                                "tot gesprek:</strong> <em>Hoe pakken jullie dit "
                                "aan?</em></li></ul><p>Houd het kort en in je eigen toon. Een "
                                "tekst die klinkt als een persbericht doet meer kwaad dan een "
                                "kleine tikfout.</p><h2>Timing: wanneer deel je?</h2><p>Er "
                                "bestaat geen ideaal tijdstip dat voor iedereen werkt; jouw "
                                "netwerk bepaalt wat goed is. Een paar "
                                "uitgangspunten:</p><ul><li>Deel wanneer jouw publiek online "
                                "is. Zakelijke contacten kijken vaak rond werktijd, vrienden "
                                "op Facebook eerder 's avonds of in het weekend.</li><li>Kijk "
                                "in de statistieken van je eigen berichten wanneer ze de "
                                "meeste reacties kregen.</li><li>Spreid je berichten. Liever "
                                "één goed bericht per week dan vijf op één dag.</li><li>Je "
                                "hoeft niet tegelijk met je collega's te delen. Heeft iemand "
                                "het 's ochtends al gedeeld, dan bereikt jouw bericht later op "
                                "de dag of de dag erna misschien juist nieuwe "
                                "mensen.</li><li>Houd de actualiteit in de gaten. Bij een ramp "
                                "of groot nieuws kan een vrolijk bedrijfsbericht misplaatst "
                                "zijn; wacht dan even.</li></ul><p>De Academy helpt je "
                                "hierbij: suggesties komen gespreid binnen, en het platform "
                                "houdt rekening met het maximum per week en de stille uren die "
                                "je zelf in je profiel instelt.</p>"
                            ),
                        ),
                        (
                            "callout",
                            {
                                "kind": "tip",
                                "text": (
                                    "Plaats een bericht niet om daarna te verdwijnen. Kijk een "
                                    "paar uur later even of er reacties zijn waarop je kunt "
                                    "antwoorden; dat is het moment waarop het gesprek "
                                    "ontstaat."
                                ),
                            },
                        ),
                    ],
                },
                "en": {
                    "title": "A line of your own and the right moment",
                    "blocks": [
                        (
                            "text",
                            (
                                "<h2>Why a line of your own makes such a "
                                "difference</h2><p>Passing on a post without explanation takes "
                                "no time, but then your network has no idea why you are "
                                "sharing it. One or two sentences of your own make it "
                                "personal. People respond to people, not to a forwarded "
                                "logo.</p><p>Does the Academy give you a suggested text? Treat "
                                "it as inspiration, not a script. When dozens of colleagues "
                                "post exactly the same sentence at the same time, it looks "
                                "like a campaign and your network switches off. Your own words "
                                "are more credible.</p><h3>How to write a personal "
                                "line</h3><ul><li><strong>Why does it matter to you?</strong> "
                                "<em>I worked on this project myself and I'm glad it is live "
                                "now.</em></li><li><strong>Who will find it useful?</strong> "
                                "<em>Useful for anyone who struggles with grant "
                                "applications.</em></li><li><strong>What is your "
                                "insight?</strong> <em>What struck me: the smallest change "
                                "brought the biggest gain.</em></li><li><strong>Invite a "
                                "conversation:</strong> <em>How do you approach "
                                "this?</em></li></ul><p>Keep it short and in your own voice. A "
                                "text that sounds like a press release does more harm than a "
                                "small typo.</p><h2>Timing: when do you share?</h2><p>There is "
                                "no ideal time that works for everyone; your network decides "
                                "what works. A few principles:</p><ul><li>Share when your "
                                "audience is online. Business contacts often look around "
                                "working hours, friends on Facebook more likely in the evening "
                                "or at the weekend.</li><li>Check the statistics of your own "
                                "posts to see when they got the most responses.</li><li>Spread "
                                "your posts. One good post a week beats five in a single "
                                "day.</li><li>You don't have to share at the same time as your "
                                "colleagues. If someone shared it in the morning, your post "
                                "later that day or the next day may reach new "
                                "people.</li><li>Keep an eye on the news. During a disaster or "
                                "major news event, a cheerful company post can feel out of "
                                "place; wait a while.</li></ul><p>The Academy helps with this: "
                                "suggestions arrive spread out over time, and the platform "
                                "respects the weekly maximum and the quiet hours you set in "
                                "your own profile.</p>"
                            ),
                        ),
                        (
                            "callout",
                            {
                                "kind": "tip",
                                "text": (
                                    "Don't post and then disappear. Check back a few hours "
                                    "later for comments you can reply to; that is when the "
                                    "conversation happens."
                                ),
                            },
                        ),
                    ],
                },
            },
            {
                "slug": "open-over-je-werkgever",
                "minutes": 8,
                "nl": {
                    "title": "Open over je dienstverband",
                    "blocks": [
                        (
                            "text",
                            (
                                "<h2>Zeg gewoon waar je werkt</h2><p>Deel je berichten over de "
                                "producten, diensten of vacatures van je werkgever, dan mag je "
                                "netwerk weten dat je daar werkt. Dat is geen formaliteit maar "
                                "de basis van je geloofwaardigheid. Een enthousiaste "
                                "aanbeveling is prima, zolang niemand zich achteraf misleid "
                                "voelt omdat je er belang bij bleek te hebben.</p><p>Ook de "
                                "regels voor reclame op sociale media vragen in veel landen om "
                                "zulke openheid: wie een band heeft met een merk, hoort dat te "
                                "laten zien. Wat daarbij voor jouw organisatie geldt, staat in "
                                "de richtlijnen voor sociale media. Lees die eens rustig "
                                "door.</p><h3>Hoe doe je dat?</h3><ul><li><strong>In je "
                                "profiel:</strong> vermeld je huidige werkgever bij je "
                                "werkervaring of in je bio. Wie doorklikt, ziet het dan "
                                "meteen.</li><li><strong>In het bericht zelf:</strong> maak "
                                "het bij berichten over producten, diensten of acties extra "
                                "duidelijk, bijvoorbeeld met <em>Bij ons op de afdeling…</em> "
                                "of <em>Mijn collega's hebben…</em>, of met een hashtag die je "
                                "organisatie daarvoor afspreekt.</li><li><strong>Eigen "
                                "mening:</strong> een zin als <em>Berichten zijn mijn eigen "
                                "mening</em> in je bio laat zien dat je niet namens de "
                                "organisatie spreekt. Je blijft wel zelf verantwoordelijk voor "
                                "wat je schrijft.</li></ul><h2>Ook als het niet om reclame "
                                "gaat</h2><p>Openheid geldt ook in discussies. Reageer je op "
                                "een artikel over je branche of over een concurrent, zeg dan "
                                "dat je bij een betrokken organisatie werkt. Verhuld reageren "
                                "op kritiek op je werkgever lijkt misschien handig, maar als "
                                "het uitkomt, is de schade voor jou en de organisatie veel "
                                "groter dan de kritiek zelf.</p><h2>Je bent geen "
                                "reclamezuil</h2><p>Je hoeft niet alles wat je organisatie "
                                "doet geweldig te vinden, en je hoeft ook niet alles te delen. "
                                "Spreekt een bericht je niet aan, dan laat je het liggen. "
                                "Juist omdat je kiest, betekent het iets als je wél iets "
                                "deelt. Die eerlijkheid maakt het positieve dat je vertelt "
                                "geloofwaardig.</p>"
                            ),
                        ),
                        (
                            "callout",
                            {
                                "kind": "warning",
                                "text": (
                                    "Nooit doen: recensies schrijven over je eigen organisatie "
                                    "of producten zonder te vermelden dat je er werkt, of "
                                    "reageren via een nepaccount. Dat is misleidend en schaadt "
                                    "iedereen."
                                ),
                            },
                        ),
                        (
                            "checklist",
                            {
                                "title": "Openheid",
                                "items": [
                                    "Mijn huidige werkgever staat in mijn profiel",
                                    (
                                        "Bij berichten over producten of diensten blijkt dat "
                                        "ik er werk"
                                    ),
                                    "Ik reageer nooit verhuld op discussies over mijn werkgever",
                                ],
                            },
                        ),
                    ],
                },
                "en": {
                    "title": "Open about your employment",
                    "blocks": [
                        (
                            "text",
                            (
                                "<h2>Just say where you work</h2><p>When you share posts about "
                                "your employer's products, services or vacancies, your network "
                                "deserves to know that you work there. This is not a formality "
                                "but the basis of your credibility. An enthusiastic "
                                "recommendation is fine, as long as nobody feels misled "
                                "afterwards because it turns out you had an interest in "
                                "it.</p><p>In many countries the rules for advertising on "
                                "social media also call for this openness: anyone with a "
                                "connection to a brand should make it visible. What applies to "
                                "your organisation is set out in its social media guidelines. "
                                "Take the time to read them.</p><h3>How do you do "
                                "that?</h3><ul><li><strong>In your profile:</strong> list your "
                                "current employer in your experience section or your bio. "
                                "Anyone who clicks through will see it straight "
                                "away.</li><li><strong>In the post itself:</strong> for posts "
                                "about products, services or campaigns, make it extra clear, "
                                "for example with <em>In our department…</em> or <em>My "
                                "colleagues have…</em>, or with a hashtag your organisation "
                                "agrees on for this.</li><li><strong>Your own "
                                "opinion:</strong> a line like <em>Views are my own</em> in "
                                "your bio shows that you are not speaking for the "
                                "organisation. You do remain responsible for what you "
                                "write.</li></ul><h2>Even when it isn't "
                                "advertising</h2><p>Openness applies to discussions too. If "
                                "you respond to an article about your industry or about a "
                                "competitor, say that you work for an organisation involved. "
                                "Responding covertly to criticism of your employer may seem "
                                "convenient, but if it comes out, the damage to you and the "
                                "organisation is far greater than the criticism "
                                "itself.</p><h2>You are not a billboard</h2><p>You don't have "
                                "to think everything your organisation does is wonderful, and "
                                "you don't have to share everything. If a post doesn't appeal "
                                "to you, leave it. Precisely because you choose, it means "
                                "something when you do share. That honesty makes the positive "
                                "things you say believable.</p>"
                            ),
                        ),
                        (
                            "callout",
                            {
                                "kind": "warning",
                                "text": (
                                    "Never do this: write reviews of your own organisation or "
                                    "products without saying that you work there, or respond "
                                    "through a fake account. It is misleading and harms "
                                    "everyone."
                                ),
                            },
                        ),
                        (
                            "checklist",
                            {
                                "title": "Openness",
                                "items": [
                                    "My current employer is in my profile",
                                    "Posts about products or services make clear that I work there",
                                    "I never respond covertly to discussions about my employer",
                                ],
                            },
                        ),
                    ],
                },
            },
            {
                "slug": "negatieve-reacties",
                "minutes": 12,
                "nl": {
                    "title": "Omgaan met negatieve reacties",
                    "blocks": [
                        (
                            "text",
                            (
                                "<h2>Kritiek hoort erbij</h2><p>Wie zichtbaar is op sociale "
                                "media, krijgt vroeg of laat een reactie die minder prettig "
                                "is. Iemand is het oneens, heeft een slechte ervaring met je "
                                "organisatie, of is gewoon onaardig. Dat is vervelend, maar "
                                "zelden een ramp. Het gaat erom hoe je ermee "
                                "omgaat.</p><h3>Eerst: even niets doen</h3><p>Je eerste "
                                "neiging is misschien om meteen terug te schrijven. Wacht "
                                "even. Lees de reactie nog eens als je rustig bent. Vaak is ze "
                                "minder scherp bedoeld dan ze voelde, of zit er een terechte "
                                "vraag in.</p><h3>Wat voor reactie is "
                                "het?</h3><ul><li><strong>Een vraag of terechte "
                                "klacht:</strong> antwoord vriendelijk en kort, bedank voor de "
                                "feedback en verwijs voor de afhandeling naar het juiste "
                                "kanaal, zoals de klantenservice. Ga niet zelf in het openbaar "
                                "een klacht uitzoeken.</li><li><strong>Een andere "
                                "mening:</strong> prima. Je kunt reageren met je eigen "
                                "argument, of het erbij laten. Niet iedereen hoeft overtuigd "
                                "te worden.</li><li><strong>Een provocatie:</strong> ga er "
                                "niet op in. Elk antwoord geeft de provocateur een "
                                "podium.</li><li><strong>Bedreiging, intimidatie of "
                                "discriminatie:</strong> reageer niet, maak een "
                                "schermafbeelding, meld het bij het platform en schakel het "
                                "Mentorloket in.</li></ul><h3>Ga geen ruzie aan</h3><p>Een "
                                "discussie die heen en weer gaat in steeds fellere woorden win "
                                "je niet, ook niet als je gelijk hebt. Meelezers onthouden "
                                "vooral de toon. Blijf beleefd, herhaal jezelf niet en stop "
                                "als het gesprek niets meer oplevert. Een zin als <em>Ik merk "
                                "dat we hier anders over denken, bedankt voor je reactie</em> "
                                "is een prima afsluiting.</p><h2>Je staat er niet alleen "
                                "voor</h2><p>Het Mentorloket is er precies voor dit soort "
                                "momenten. Twijfel je hoe je moet reageren, loopt een "
                                "discussie uit de hand of voel je je persoonlijk aangevallen? "
                                "Vraag dan om hulp. Een mentor denkt met je mee, helpt je een "
                                "antwoord te formuleren en kan waar nodig bemiddelen, "
                                "bijvoorbeeld door communicatie of de klantenservice erbij te "
                                "halen. Een lastige situatie hoef je nooit in je eentje op te "
                                "lossen.</p>"
                            ),
                        ),
                        (
                            "callout",
                            {
                                "kind": "warning",
                                "text": (
                                    "Verwijder kritische reacties niet zomaar: dat wekt vaak "
                                    "meer wantrouwen dan de reactie zelf. Beledigende of "
                                    "bedreigende berichten kun je wel verbergen of melden, het "
                                    "liefst nadat je er een schermafbeelding van hebt gemaakt."
                                ),
                            },
                        ),
                        (
                            "quiz",
                            {
                                "title": "Toets: fase 1, engagement",
                                "pass_mark": 70,
                                "questions": [
                                    {
                                        "kind": "single",
                                        "text": (
                                            "Een collega plaatst een bericht over een geslaagd "
                                            "project. Welke reactie voegt het meest toe?"
                                        ),
                                        "options": [
                                            {
                                                "text": "‘Top!’",
                                                "correct": False,
                                                "feedback": (
                                                    "Vriendelijk, maar zo'n reactie brengt het "
                                                    "gesprek niet verder."
                                                ),
                                            },
                                            {
                                                "text": (
                                                    "‘Mooi resultaat! Wat was voor jullie de "
                                                    "grootste uitdaging?’"
                                                ),
                                                "correct": True,
                                                "feedback": (
                                                    "Klopt: een concrete reactie met een vraag "
                                                    "brengt een gesprek op gang."
                                                ),
                                            },
                                            {
                                                "text": "Het bericht zonder tekst delen",
                                                "correct": False,
                                                "feedback": (
                                                    "Zonder eigen regel weet je netwerk niet "
                                                    "waarom jij het deelt."
                                                ),
                                            },
                                        ],
                                    },
                                    {
                                        "kind": "truefalse",
                                        "text": (
                                            "Als je een bericht van je werkgever deelt, kun je "
                                            "het beste precies de voorgestelde tekst "
                                            "gebruiken, net als al je collega's."
                                        ),
                                        "options": [
                                            {
                                                "text": "Waar",
                                                "correct": False,
                                                "feedback": (
                                                    "Als iedereen tegelijk dezelfde tekst "
                                                    "plaatst, oogt het als een campagne en "
                                                    "haakt je netwerk af."
                                                ),
                                            },
                                            {
                                                "text": "Niet waar",
                                                "correct": True,
                                                "feedback": (
                                                    "Klopt: een voorbeeldtekst is inspiratie, "
                                                    "je eigen woorden zijn geloofwaardiger."
                                                ),
                                            },
                                        ],
                                    },
                                    {
                                        "kind": "multiple",
                                        "text": (
                                            "Iemand reageert fel en beledigend onder je "
                                            "bericht. Wat zijn goede stappen? Kies alle juiste "
                                            "antwoorden."
                                        ),
                                        "options": [
                                            {
                                                "text": (
                                                    "Even wachten en de reactie rustig herlezen"
                                                ),
                                                "correct": True,
                                                "feedback": (
                                                    "Juist: met afstand zie je beter wat er "
                                                    "echt staat."
                                                ),
                                            },
                                            {
                                                "text": (
                                                    "Een schermafbeelding maken en het "
                                                    "Mentorloket om hulp vragen"
                                                ),
                                                "correct": True,
                                                "feedback": (
                                                    "Juist: het Mentorloket is je vangnet en "
                                                    "kan zo nodig bemiddelen."
                                                ),
                                            },
                                            {
                                                "text": (
                                                    "Net zo fel terugschrijven, zodat het "
                                                    "duidelijk is"
                                                ),
                                                "correct": False,
                                                "feedback": (
                                                    "Een felle discussie win je niet; "
                                                    "meelezers onthouden vooral de toon."
                                                ),
                                            },
                                            {
                                                "text": "Niet ingaan op een provocatie",
                                                "correct": True,
                                                "feedback": (
                                                    "Juist: elk antwoord geeft een provocateur "
                                                    "een podium."
                                                ),
                                            },
                                        ],
                                    },
                                    {
                                        "kind": "single",
                                        "text": (
                                            "Waarom maak je duidelijk dat je bij je werkgever "
                                            "werkt als je over diens producten post?"
                                        ),
                                        "options": [
                                            {
                                                "text": (
                                                    "Zodat je netwerk weet dat je er belang "
                                                    "bij hebt"
                                                ),
                                                "correct": True,
                                                "feedback": (
                                                    "Klopt: openheid over je band met de "
                                                    "organisatie maakt je geloofwaardig."
                                                ),
                                            },
                                            {
                                                "text": "Omdat het algoritme dat beloont",
                                                "correct": False,
                                                "feedback": (
                                                    "Het gaat om eerlijkheid tegenover je "
                                                    "netwerk, niet om het algoritme."
                                                ),
                                            },
                                            {
                                                "text": (
                                                    "Omdat je dan niet meer verantwoordelijk "
                                                    "bent voor je bericht"
                                                ),
                                                "correct": False,
                                                "feedback": (
                                                    "Je blijft altijd zelf verantwoordelijk "
                                                    "voor wat je plaatst."
                                                ),
                                            },
                                        ],
                                    },
                                ],
                            },
                        ),
                    ],
                },
                "en": {
                    "title": "Dealing with negative reactions",
                    "blocks": [
                        (
                            "text",
                            (
                                "<h2>Criticism comes with the territory</h2><p>If you are "
                                "visible on social media, sooner or later you will get a "
                                "reaction that is less pleasant. Someone disagrees, has had a "
                                "bad experience with your organisation, or is simply unkind. "
                                "It is annoying, but rarely a disaster. What matters is how "
                                "you handle it.</p><h3>First: do nothing for a "
                                "moment</h3><p>Your first impulse may be to reply straight "
                                "away. Wait a little. Read the reaction again once you are "
                                "calm. It is often less sharp than it felt, or there is a fair "
                                "question in it.</p><h3>What kind of reaction is "
                                "it?</h3><ul><li><strong>A question or a fair "
                                "complaint:</strong> reply briefly and kindly, thank them for "
                                "the feedback and point them to the right channel, such as "
                                "customer service. Don't try to sort out a complaint in public "
                                "yourself.</li><li><strong>A different opinion:</strong> that "
                                "is fine. You can reply with your own argument, or let it be. "
                                "Not everyone needs convincing.</li><li><strong>A "
                                "provocation:</strong> don't respond. Every reply gives the "
                                "provocateur a stage.</li><li><strong>Threats, intimidation or "
                                "discrimination:</strong> don't reply, take a screenshot, "
                                "report it to the platform and contact the mentor "
                                "desk.</li></ul><h3>Don't get into a fight</h3><p>You won't "
                                "win a discussion that goes back and forth in ever harsher "
                                "words, even if you are right. Onlookers mostly remember the "
                                "tone. Stay polite, don't repeat yourself and stop when the "
                                "conversation no longer leads anywhere. A line like <em>I can "
                                "see we see this differently, thanks for your reply</em> is a "
                                "perfectly good way to close.</p><h2>You are not on your "
                                "own</h2><p>The mentor desk is there for exactly these "
                                "moments. Not sure how to respond, is a discussion getting out "
                                "of hand, or do you feel personally attacked? Ask for help. A "
                                "mentor thinks it through with you, helps you word a reply and "
                                "can mediate where needed, for example by bringing in "
                                "communications or customer service. You never have to solve a "
                                "difficult situation on your own.</p>"
                            ),
                        ),
                        (
                            "callout",
                            {
                                "kind": "warning",
                                "text": (
                                    "Don't simply delete critical comments: that often raises "
                                    "more suspicion than the comment itself. You can hide or "
                                    "report offensive or threatening messages, preferably "
                                    "after taking a screenshot."
                                ),
                            },
                        ),
                        (
                            "quiz",
                            {
                                "title": "Quiz: stage 1, engagement",
                                "pass_mark": 70,
                                "questions": [
                                    {
                                        "kind": "single",
                                        "text": (
                                            "A colleague posts about a successful project. "
                                            "Which reaction adds the most?"
                                        ),
                                        "options": [
                                            {
                                                "text": "‘Great!’",
                                                "correct": False,
                                                "feedback": (
                                                    "Friendly, but a reaction like that "
                                                    "doesn't move the conversation forward."
                                                ),
                                            },
                                            {
                                                "text": (
                                                    "‘Great result! What was the biggest "
                                                    "challenge for you?’"
                                                ),
                                                "correct": True,
                                                "feedback": (
                                                    "Right: a specific reaction with a "
                                                    "question gets a conversation going."
                                                ),
                                            },
                                            {
                                                "text": "Sharing the post without any text",
                                                "correct": False,
                                                "feedback": (
                                                    "Without a line of your own, your network "
                                                    "doesn't know why you share it."
                                                ),
                                            },
                                        ],
                                    },
                                    {
                                        "kind": "truefalse",
                                        "text": (
                                            "When you share a post from your employer, it is "
                                            "best to use exactly the suggested text, just like "
                                            "all your colleagues."
                                        ),
                                        "options": [
                                            {
                                                "text": "True",
                                                "correct": False,
                                                "feedback": (
                                                    "When everyone posts the same text at "
                                                    "once, it looks like a campaign and your "
                                                    "network switches off."
                                                ),
                                            },
                                            {
                                                "text": "False",
                                                "correct": True,
                                                "feedback": (
                                                    "Right: a suggested text is inspiration; "
                                                    "your own words are more credible."
                                                ),
                                            },
                                        ],
                                    },
                                    {
                                        "kind": "multiple",
                                        "text": (
                                            "Someone posts a harsh, insulting comment under "
                                            "your post. Which are good steps? Select all "
                                            "correct answers."
                                        ),
                                        "options": [
                                            {
                                                "text": (
                                                    "Wait a moment and reread the comment calmly"
                                                ),
                                                "correct": True,
                                                "feedback": (
                                                    "Correct: with some distance you see "
                                                    "better what it actually says."
                                                ),
                                            },
                                            {
                                                "text": (
                                                    "Take a screenshot and ask the mentor desk "
                                                    "for help"
                                                ),
                                                "correct": True,
                                                "feedback": (
                                                    "Correct: the mentor desk is your safety "
                                                    "net and can mediate if needed."
                                                ),
                                            },
                                            {
                                                "text": (
                                                    "Reply just as harshly so the point is clear"
                                                ),
                                                "correct": False,
                                                "feedback": (
                                                    "You can't win a heated exchange; "
                                                    "onlookers mostly remember the tone."
                                                ),
                                            },
                                            {
                                                "text": "Not responding to a provocation",
                                                "correct": True,
                                                "feedback": (
                                                    "Correct: every reply gives a provocateur "
                                                    "a stage."
                                                ),
                                            },
                                        ],
                                    },
                                    {
                                        "kind": "single",
                                        "text": (
                                            "Why do you make clear that you work for your "
                                            "employer when you post about its products?"
                                        ),
                                        "options": [
                                            {
                                                "text": (
                                                    "So your network knows you have an "
                                                    "interest in it"
                                                ),
                                                "correct": True,
                                                "feedback": (
                                                    "Right: being open about your connection "
                                                    "to the organisation makes you credible."
                                                ),
                                            },
                                            {
                                                "text": "Because the algorithm rewards it",
                                                "correct": False,
                                                "feedback": (
                                                    "It is about honesty towards your network, "
                                                    "not about the algorithm."
                                                ),
                                            },
                                            {
                                                "text": (
                                                    "Because then you are no longer "
                                                    "responsible for your post"
                                                ),
                                                "correct": False,
                                                "feedback": (
                                                    "You always remain responsible for what "
                                                    "you post."
                                                ),
                                            },
                                        ],
                                    },
                                ],
                            },
                        ),
                    ],
                },
            },
        ],
    },
    {
        "slug": "stage-2-curation",
        "stage": 2,
        "required": True,
        "minutes": 42,
        "prerequisites": [
            "stage-1-engagement",
        ],
        "nl": {
            "title": "Fase 2: curatie",
            "summary": (
                "Vind, beoordeel en deel relevante content van anderen met een eigen "
                "commentaar, zodat je netwerk jou gaat zien als een betrouwbare bron in je "
                "vakgebied."
            ),
            "goals": [
                "Je vindt betrouwbare rapporten, nieuws en how-to's die passen bij je vakgebied.",
                "Je beoordeelt een bron op betrouwbaarheid en relevantie voordat je hem deelt.",
                (
                    "Je schrijft een kort eigen commentaar en gaat zorgvuldig om met bronnen "
                    "en auteursrecht."
                ),
            ],
        },
        "en": {
            "title": "Stage 2: curation",
            "summary": (
                "Find, assess and share relevant content by others with a comment of your own, "
                "so your network comes to see you as a reliable source in your field."
            ),
            "goals": [
                "You find reliable reports, news and how-tos that fit your field.",
                "You assess a source for reliability and relevance before you share it.",
                "You write a short comment of your own and handle sources and copyright with care.",
            ],
        },
        "lessons": [
            {
                "slug": "goede-content-vinden",
                "minutes": 10,
                "nl": {
                    "title": "Goede content vinden",
                    "blocks": [
                        (
                            "text",
                            (
                                "<h2>Wat is curatie?</h2><p>In de tweede fase deel je niet "
                                "alleen berichten van je eigen organisatie, maar ook werk van "
                                "anderen: een onderzoeksrapport, een nieuwsartikel, een "
                                "heldere uitleg of een interview met een vakgenoot. Je bent "
                                "een soort filter voor je netwerk. Uit alles wat er "
                                "verschijnt, kies jij het stuk dat je volgers echt verder "
                                "helpt, en je vertelt erbij waarom.</p><p>Dat maakt je "
                                "waardevol. Mensen gaan je volgen omdat jij de moeite neemt "
                                "het goede eruit te pikken. En ondertussen blijf je zelf beter "
                                "bij in je vak.</p><h2>Waar vind je "
                                "het?</h2><ul><li><strong>Vakmedia en nieuwsbrieven</strong> "
                                "uit je branche. Neem er een paar goede, liever dan twintig "
                                "die je toch niet "
                                "leest.</li><li><strong>Onderzoeksinstellingen, hogescholen en "
                                "universiteiten</strong> publiceren rapporten en "
                                "samenvattingen die vaak vrij toegankelijk "
                                "zijn.</li><li><strong>Brancheorganisaties en "
                                "overheden</strong> delen cijfers, regelgeving en "
                                "praktijkvoorbeelden.</li><li><strong>Vakgenoten op LinkedIn "
                                "en X</strong> die je volgt omdat ze goed zijn in wat ze "
                                "doen.</li><li><strong>Evenementen en webinars:</strong> "
                                "presentaties en verslagen die na afloop online "
                                "komen.</li><li><strong>De Academy:</strong> je organisatie "
                                "zet ook content klaar die past bij de onderwerpen die jij "
                                "hebt gekozen.</li></ul><h2>Maak er een gewoonte "
                                "van</h2><p>Curatie hoeft niet veel tijd te kosten als je het "
                                "handig aanpakt. Reserveer bijvoorbeeld een kwartier per week "
                                "om je bronnen door te nemen. Bewaar wat je opvalt meteen in "
                                "een leeslijst of met de opslaanfunctie van het platform, "
                                "zodat je het later rustig kunt lezen. Kies daarna het beste "
                                "stuk en deel dat. Eén goed gekozen artikel per week of per "
                                "twee weken is al een mooie bijdrage.</p><h3>Drie soorten "
                                "content die vaak goed werken</h3><ul><li><strong>Rapporten en "
                                "onderzoek:</strong> nieuwe inzichten, met jouw uitleg wat ze "
                                "betekenen voor de praktijk.</li><li><strong>Nieuws:</strong> "
                                "ontwikkelingen in je branche, met jouw kijk "
                                "erop.</li><li><strong>How-to's:</strong> praktische uitleg "
                                "waarmee je netwerk meteen aan de slag kan.</li></ul>"
                            ),
                        ),
                        (
                            "callout",
                            {
                                "kind": "tip",
                                "text": (
                                    "Stel in je profiel je onderwerpen in. Dan krijg je in de "
                                    "Academy vooral suggesties die bij jouw vakgebied passen."
                                ),
                            },
                        ),
                        (
                            "checklist",
                            {
                                "title": "Mijn bronnenlijst",
                                "items": [
                                    "Twee of drie vakmedia of nieuwsbrieven",
                                    "Eén of twee onderzoeksbronnen",
                                    "Vijf vakgenoten die ik volg",
                                    "Een vast moment in de week om te lezen",
                                ],
                            },
                        ),
                    ],
                },
                "en": {
                    "title": "Finding good content",
                    "blocks": [
                        (
                            "text",
                            (
                                "<h2>What is curation?</h2><p>In the second stage you share "
                                "not only posts from your own organisation but also other "
                                "people's work: a research report, a news article, a clear "
                                "explainer or an interview with a peer. You act as a kind of "
                                "filter for your network. Out of everything that is published, "
                                "you pick the piece that really helps your followers, and you "
                                "tell them why.</p><p>That makes you valuable. People start "
                                "following you because you take the trouble to pick out the "
                                "good stuff. And meanwhile you keep up with your own field "
                                "better.</p><h2>Where do you find "
                                "it?</h2><ul><li><strong>Trade media and newsletters</strong> "
                                "in your industry. Pick a few good ones rather than twenty you "
                                "never read.</li><li><strong>Research institutes, colleges and "
                                "universities</strong> publish reports and summaries that are "
                                "often freely available.</li><li><strong>Industry associations "
                                "and governments</strong> share figures, regulations and "
                                "practical examples.</li><li><strong>Peers on LinkedIn and "
                                "X</strong> whom you follow because they are good at what they "
                                "do.</li><li><strong>Events and webinars:</strong> slides and "
                                "write-ups that are published afterwards.</li><li><strong>The "
                                "Academy:</strong> your organisation also prepares content "
                                "that matches the topics you have chosen.</li></ul><h2>Make it "
                                "a habit</h2><p>Curation doesn't have to take much time if you "
                                "organise it well. Set aside, say, a quarter of an hour a week "
                                "to go through your sources. Save anything that catches your "
                                "eye straight away in a reading list or with the platform's "
                                "save feature, so you can read it calmly later. Then pick the "
                                "best piece and share that. One well-chosen article a week or "
                                "every two weeks is already a fine contribution.</p><h3>Three "
                                "kinds of content that often work "
                                "well</h3><ul><li><strong>Reports and research:</strong> new "
                                "insights, with your explanation of what they mean in "
                                "practice.</li><li><strong>News:</strong> developments in your "
                                "industry, with your view on "
                                "them.</li><li><strong>How-tos:</strong> practical "
                                "explanations your network can put to use right "
                                "away.</li></ul>"
                            ),
                        ),
                        (
                            "callout",
                            {
                                "kind": "tip",
                                "text": (
                                    "Set your topics in your profile. The Academy will then "
                                    "mostly suggest content that fits your field."
                                ),
                            },
                        ),
                        (
                            "checklist",
                            {
                                "title": "My list of sources",
                                "items": [
                                    "Two or three trade media or newsletters",
                                    "One or two research sources",
                                    "Five peers I follow",
                                    "A fixed moment in the week for reading",
                                ],
                            },
                        ),
                    ],
                },
            },
            {
                "slug": "betrouwbaar-en-relevant",
                "minutes": 10,
                "nl": {
                    "title": "Betrouwbaar en relevant?",
                    "blocks": [
                        (
                            "text",
                            (
                                "<h2>Eerst lezen, dan delen</h2><p>Het klinkt vanzelfsprekend, "
                                "maar veel berichten worden gedeeld op basis van alleen de "
                                "kop. Lees altijd het hele stuk voordat je het deelt. Soms is "
                                "de inhoud genuanceerder dan de kop doet vermoeden, soms staat "
                                "er iets in waar je het helemaal niet mee eens bent. Met jouw "
                                "naam erboven word je er hoe dan ook mee in verband "
                                "gebracht.</p><h2>Vijf vragen over "
                                "betrouwbaarheid</h2><ol><li><strong>Wie is de "
                                "afzender?</strong> Een bekend medium, een "
                                "onderzoeksinstelling, een bedrijf met een commercieel belang "
                                "of een onbekende website?</li><li><strong>Waar komen de "
                                "feiten vandaan?</strong> Worden bronnen genoemd? Kun je het "
                                "oorspronkelijke onderzoek terugvinden?</li><li><strong>Hoe "
                                "actueel is het?</strong> Kijk naar de datum. Een stuk van "
                                "jaren terug kan achterhaald zijn, ook als het nu weer "
                                "rondgaat.</li><li><strong>Is het informatie of "
                                "reclame?</strong> Gesponsorde artikelen en whitepapers van "
                                "leveranciers kunnen nuttig zijn, maar weeg het belang van de "
                                "maker mee.</li><li><strong>Zeggen andere bronnen "
                                "hetzelfde?</strong> Vind je een opvallende bewering maar op "
                                "één plek, wees dan voorzichtig.</li></ol><h2>En is het "
                                "relevant?</h2><p>Een betrouwbaar stuk is nog niet vanzelf "
                                "interessant voor jouw netwerk. Vraag jezelf af: wie van mijn "
                                "connecties heeft hier iets aan, en waarom juist nu? Past het "
                                "bij het vakgebied waarvan mensen jou kennen? Kun je niet "
                                "uitleggen waarom het ertoe doet, sla het dan over. Er komt "
                                "altijd weer een nieuw stuk.</p><p>Let ook op de verhouding "
                                "met je werkgever. Deel je iets van een concurrent, of een "
                                "stuk dat ingaat tegen het beleid van je organisatie? Dat kan "
                                "soms best, een open blik siert je, maar denk er even over na "
                                "en vraag bij twijfel het Mentorloket om advies.</p>"
                            ),
                        ),
                        (
                            "callout",
                            {
                                "kind": "warning",
                                "text": (
                                    "Wees extra alert bij opvallende cijfers zonder bron, "
                                    "koppen die vooral boosheid of angst oproepen en "
                                    "schermafbeeldingen waarvan je de herkomst niet kent. "
                                    "Zulke berichten blijken vaak misleidend of onjuist."
                                ),
                            },
                        ),
                        (
                            "checklist",
                            {
                                "title": "Deelcheck",
                                "items": [
                                    "Ik heb het hele stuk gelezen",
                                    "Ik weet wie de afzender is",
                                    "De datum is actueel",
                                    (
                                        "Ik kan in één zin zeggen waarom mijn netwerk hier "
                                        "iets aan heeft"
                                    ),
                                ],
                            },
                        ),
                    ],
                },
                "en": {
                    "title": "Reliable and relevant?",
                    "blocks": [
                        (
                            "text",
                            (
                                "<h2>Read first, then share</h2><p>It sounds obvious, but many "
                                "posts are shared on the strength of the headline alone. "
                                "Always read the whole piece before you share it. Sometimes "
                                "the content is more nuanced than the headline suggests; "
                                "sometimes it contains something you don't agree with at all. "
                                "With your name above it, you will be associated with it "
                                "either way.</p><h2>Five questions about "
                                "reliability</h2><ol><li><strong>Who is the "
                                "publisher?</strong> A well-known outlet, a research "
                                "institute, a company with a commercial interest or an unknown "
                                "website?</li><li><strong>Where do the facts come "
                                "from?</strong> Are sources named? Can you find the original "
                                "research?</li><li><strong>How current is it?</strong> Check "
                                "the date. A piece from years ago may be out of date, even if "
                                "it is doing the rounds again now.</li><li><strong>Is it "
                                "information or advertising?</strong> Sponsored articles and "
                                "vendors' white papers can be useful, but weigh the interest "
                                "of whoever made them.</li><li><strong>Do other sources say "
                                "the same?</strong> If you can only find a striking claim in "
                                "one place, be careful.</li></ol><h2>And is it "
                                "relevant?</h2><p>A reliable piece is not automatically "
                                "interesting for your network. Ask yourself: which of my "
                                "connections will get something out of this, and why now? Does "
                                "it fit the field people know you for? If you can't explain "
                                "why it matters, skip it. There will always be another "
                                "piece.</p><p>Also consider your employer. Are you sharing "
                                "something from a competitor, or a piece that goes against "
                                "your organisation's policy? That can sometimes be fine, and "
                                "an open mind reflects well on you, but think about it for a "
                                "moment and ask the mentor desk for advice if in doubt.</p>"
                            ),
                        ),
                        (
                            "callout",
                            {
                                "kind": "warning",
                                "text": (
                                    "Be extra alert with striking figures without a source, "
                                    "headlines mainly designed to provoke anger or fear, and "
                                    "screenshots whose origin you don't know. Posts like these "
                                    "often turn out to be misleading or wrong."
                                ),
                            },
                        ),
                        (
                            "checklist",
                            {
                                "title": "Sharing check",
                                "items": [
                                    "I have read the whole piece",
                                    "I know who the publisher is",
                                    "The date is current",
                                    (
                                        "I can say in one sentence why my network will benefit "
                                        "from this"
                                    ),
                                ],
                            },
                        ),
                    ],
                },
            },
            {
                "slug": "eigen-commentaar",
                "minutes": 10,
                "nl": {
                    "title": "Je eigen commentaar: relevantie boven bereik",
                    "blocks": [
                        (
                            "text",
                            (
                                "<h2>Het commentaar maakt het verschil</h2><p>Een link zonder "
                                "toelichting is een gemiste kans. Het stuk zelf kan iedereen "
                                "vinden; wat je netwerk van jou wil weten, is wat jij ervan "
                                "vindt. Dat is de kern van curatie: andermans inhoud, verrijkt "
                                "met jouw blik.</p><h3>Een eenvoudige "
                                "opbouw</h3><ol><li><strong>De kern:</strong> vat in één zin "
                                "samen waar het stuk over gaat.</li><li><strong>Jouw "
                                "kijk:</strong> herken je het, verrast het je, of zet je er "
                                "een vraagteken bij?</li><li><strong>De betekenis:</strong> "
                                "wat kan je netwerk er in de praktijk "
                                "mee?</li><li><strong>Eventueel een vraag</strong> om het "
                                "gesprek op gang te brengen.</li></ol><p>Bijvoorbeeld: "
                                "<em>Nieuw onderzoek naar thuiswerken in de zorg. Wat mij "
                                "opviel: teams met vaste overlegmomenten waren het meest "
                                "tevreden. Dat zie ik bij ons ook. Hoe regelen jullie "
                                "dat?</em> Een paar zinnen, maar ze zeggen meer over jou dan "
                                "een lang artikel.</p><h2>Relevantie boven bereik</h2><p>Het "
                                "is verleidelijk om een bericht door zoveel mogelijk mensen "
                                "tegelijk te laten delen: dan lijkt het bereik groot. Maar als "
                                "een tijdlijn op één ochtend volstaat met collega's die "
                                "precies dezelfde tekst plaatsen, haakt het publiek af. Het "
                                "voelt als een campagne, niet als een gesprek. En niet elk "
                                "stuk is interessant voor elk netwerk.</p><p>Daarom kiest dit "
                                "programma voor relevantie: liever minder berichten die echt "
                                "passen dan veel berichten die niemand raken. In de praktijk "
                                "betekent dat:</p><ul><li>Je deelt alleen wat past bij jouw "
                                "netwerk en vakgebied. Overslaan is altijd goed.</li><li>Je "
                                "schrijft je eigen tekst in plaats van een standaardzin over "
                                "te nemen.</li><li>Je hoeft niet tegelijk met iedereen te "
                                "delen; een ander moment is vaak zelfs beter.</li><li>Je let "
                                "op hoe vaak je post, zodat je netwerk je berichten blijft "
                                "verwelkomen.</li></ul><p>Er zit ook een voordeel voor jou in: "
                                "wie af en toe iets deelt wat echt de moeite waard is, houdt "
                                "het langer vol. Je wordt een bron die mensen vertrouwen in "
                                "plaats van ruis die ze wegscrollen.</p>"
                            ),
                        ),
                        (
                            "callout",
                            {
                                "kind": "tip",
                                "text": (
                                    "Bewaar de commentaren die je schrijft. Na een tijdje zie "
                                    "je welke toon en welke onderwerpen bij jou de meeste "
                                    "gesprekken opleveren."
                                ),
                            },
                        ),
                    ],
                },
                "en": {
                    "title": "Your own comment: relevance over reach",
                    "blocks": [
                        (
                            "text",
                            (
                                "<h2>The comment makes the difference</h2><p>A link without "
                                "explanation is a missed opportunity. Anyone can find the "
                                "piece itself; what your network wants to know from you is "
                                "what you think of it. That is the heart of curation: someone "
                                "else's content, enriched with your perspective.</p><h3>A "
                                "simple structure</h3><ol><li><strong>The gist:</strong> sum "
                                "up in one sentence what the piece is "
                                "about.</li><li><strong>Your take:</strong> do you recognise "
                                "it, does it surprise you, or do you have "
                                "doubts?</li><li><strong>What it means:</strong> what can your "
                                "network do with it in practice?</li><li><strong>Optionally a "
                                "question</strong> to get the conversation "
                                "going.</li></ol><p>For example: <em>New research on remote "
                                "working in healthcare. What struck me: teams with fixed "
                                "check-in moments were the most satisfied. I see the same in "
                                "our organisation. How do you handle this?</em> Just a few "
                                "sentences, but they say more about you than a long "
                                "article.</p><h2>Relevance over reach</h2><p>It is tempting to "
                                "have a post shared by as many people as possible at once: the "
                                "reach looks big. But when a feed fills up one morning with "
                                "colleagues posting exactly the same text, the audience "
                                "switches off. It feels like a campaign, not a conversation. "
                                "And not every piece is interesting for every "
                                "network.</p><p>That is why this programme chooses relevance: "
                                "fewer posts that really fit rather than lots of posts that "
                                "reach nobody. In practice that means:</p><ul><li>You only "
                                "share what suits your network and field. Skipping is always "
                                "fine.</li><li>You write your own text rather than copying a "
                                "standard sentence.</li><li>You don't have to share at the "
                                "same time as everyone else; another moment is often "
                                "better.</li><li>You keep an eye on how often you post, so "
                                "your network keeps welcoming your posts.</li></ul><p>There is "
                                "a benefit for you too: if you share something truly "
                                "worthwhile now and then, you will keep it up for longer. You "
                                "become a source people trust instead of noise they scroll "
                                "past.</p>"
                            ),
                        ),
                        (
                            "callout",
                            {
                                "kind": "tip",
                                "text": (
                                    "Keep the comments you write. After a while you will see "
                                    "which tone and which topics spark the most conversations "
                                    "for you."
                                ),
                            },
                        ),
                    ],
                },
            },
            {
                "slug": "bronnen-en-auteursrecht",
                "minutes": 12,
                "nl": {
                    "title": "Bronnen en auteursrecht",
                    "blocks": [
                        (
                            "text",
                            (
                                "<h2>Noem altijd je bron</h2><p>Wie iets van een ander deelt, "
                                "maakt duidelijk waar het vandaan komt. Dat is netjes "
                                "tegenover de maker en het helpt je netwerk om zelf de "
                                "betrouwbaarheid te beoordelen. Link naar de oorspronkelijke "
                                "bron, niet naar een site die het artikel heeft overgenomen. "
                                "Noem waar mogelijk de auteur of organisatie, en tag ze als ze "
                                "op het platform actief zijn. Dat laatste is meteen een mooie "
                                "manier om in contact te komen met vakgenoten.</p><h2>Linken "
                                "mag, overnemen meestal niet</h2><p>Artikelen, foto's, "
                                "grafieken en video's zijn vrijwel altijd auteursrechtelijk "
                                "beschermd. Dat iets vrij op internet staat, betekent niet dat "
                                "je het zomaar mag overnemen. Een paar "
                                "vuistregels:</p><ul><li><strong>Deel de link.</strong> Een "
                                "link naar het oorspronkelijke stuk, met de voorbeeldweergave "
                                "die het platform zelf maakt, is de gebruikelijke en veilige "
                                "manier.</li><li><strong>Citeer kort.</strong> Een korte "
                                "passage aanhalen om erop te reageren is doorgaans toegestaan, "
                                "mits je de bron vermeldt en het citaat een klein deel blijft "
                                "van je eigen tekst. Neem geen hele alinea's of complete "
                                "artikelen over.</li><li><strong>Gebruik geen beeld van "
                                "anderen</strong> als los bestand in je bericht, zoals een "
                                "foto uit een nieuwsartikel of een grafiek uit een betaald "
                                "rapport, tenzij de maker toestemming geeft of de licentie het "
                                "toelaat.</li><li><strong>Achter een betaalmuur?</strong> Deel "
                                "de link, maar zet de inhoud niet in je bericht of in een "
                                "pdf.</li><li><strong>Schermafbeeldingen</strong> van "
                                "andermans artikelen of berichten zijn ook beeld van een "
                                "ander. Linken is beter.</li></ul><p>Sommige makers publiceren "
                                "onder een open licentie, zoals Creative Commons. Kijk dan "
                                "welke voorwaarden erbij horen, bijvoorbeeld dat je de naam "
                                "van de maker vermeldt.</p><h2>Twijfel? Vraag het "
                                "na</h2><p>Auteursrecht kan ingewikkeld zijn en de regels "
                                "verschillen per land. Weet je niet zeker of je iets mag "
                                "gebruiken, deel dan alleen de link of vraag het Mentorloket. "
                                "Een mentor helpt je verder of verwijst je door naar "
                                "communicatie of juridische zaken.</p>"
                            ),
                        ),
                        (
                            "callout",
                            {
                                "kind": "warning",
                                "text": (
                                    "Een artikel overtypen of vertalen en als eigen bericht "
                                    "plaatsen mag niet zonder toestemming van de maker, ook "
                                    "niet als je de bron noemt."
                                ),
                            },
                        ),
                        (
                            "quiz",
                            {
                                "title": "Toets: fase 2, curatie",
                                "pass_mark": 70,
                                "questions": [
                                    {
                                        "kind": "multiple",
                                        "text": (
                                            "Welke vragen helpen je om de betrouwbaarheid van "
                                            "een artikel te beoordelen? Kies alle juiste "
                                            "antwoorden."
                                        ),
                                        "options": [
                                            {
                                                "text": "Wie is de afzender?",
                                                "correct": True,
                                                "feedback": (
                                                    "Juist: de afzender zegt veel over "
                                                    "deskundigheid en belangen."
                                                ),
                                            },
                                            {
                                                "text": "Hoe oud is het artikel?",
                                                "correct": True,
                                                "feedback": (
                                                    "Juist: een oud stuk kan inmiddels "
                                                    "achterhaald zijn."
                                                ),
                                            },
                                            {
                                                "text": "Hoeveel likes heeft het al?",
                                                "correct": False,
                                                "feedback": (
                                                    "Populariteit zegt niets over de juistheid "
                                                    "van een stuk."
                                                ),
                                            },
                                            {
                                                "text": (
                                                    "Kun je de oorspronkelijke bron terugvinden?"
                                                ),
                                                "correct": True,
                                                "feedback": (
                                                    "Juist: een controleerbare bron maakt een "
                                                    "bewering sterker."
                                                ),
                                            },
                                        ],
                                    },
                                    {
                                        "kind": "single",
                                        "text": "Welk bericht past het best bij curatie?",
                                        "options": [
                                            {
                                                "text": "Alleen de link, zonder tekst",
                                                "correct": False,
                                                "feedback": (
                                                    "Zonder toelichting weet je netwerk niet "
                                                    "waarom het stuk de moeite waard is."
                                                ),
                                            },
                                            {
                                                "text": (
                                                    "De link met een korte samenvatting, jouw "
                                                    "kijk en wat je netwerk ermee kan"
                                                ),
                                                "correct": True,
                                                "feedback": (
                                                    "Klopt: jouw commentaar is wat curatie "
                                                    "waardevol maakt."
                                                ),
                                            },
                                            {
                                                "text": (
                                                    "Het volledige artikel gekopieerd in je bericht"
                                                ),
                                                "correct": False,
                                                "feedback": (
                                                    "Dat is in strijd met het auteursrecht; "
                                                    "deel de link."
                                                ),
                                            },
                                            {
                                                "text": (
                                                    "De standaardtekst die al je collega's ook "
                                                    "gebruiken"
                                                ),
                                                "correct": False,
                                                "feedback": (
                                                    "Dezelfde tekst bij iedereen oogt als een "
                                                    "campagne en haalt je eigen stem weg."
                                                ),
                                            },
                                        ],
                                    },
                                    {
                                        "kind": "truefalse",
                                        "text": (
                                            "Als een foto vrij op internet staat, mag je hem "
                                            "zonder toestemming in je eigen bericht gebruiken."
                                        ),
                                        "options": [
                                            {
                                                "text": "Waar",
                                                "correct": False,
                                                "feedback": (
                                                    "Ook vrij zichtbare foto's zijn meestal "
                                                    "beschermd door het auteursrecht."
                                                ),
                                            },
                                            {
                                                "text": "Niet waar",
                                                "correct": True,
                                                "feedback": (
                                                    "Klopt: je hebt toestemming of een "
                                                    "passende licentie nodig; een link delen "
                                                    "mag wel."
                                                ),
                                            },
                                        ],
                                    },
                                    {
                                        "kind": "single",
                                        "text": (
                                            "Je organisatie wil een nieuw rapport onder de "
                                            "aandacht brengen. Wat past bij ‘relevantie boven "
                                            "bereik’?"
                                        ),
                                        "options": [
                                            {
                                                "text": (
                                                    "Alle collega's delen het op hetzelfde "
                                                    "moment met dezelfde tekst"
                                                ),
                                                "correct": False,
                                                "feedback": (
                                                    "Dat vergroot misschien het bereik, maar "
                                                    "je publiek haakt af."
                                                ),
                                            },
                                            {
                                                "text": (
                                                    "Collega's voor wie het relevant is, delen "
                                                    "het op hun eigen moment in hun eigen "
                                                    "woorden"
                                                ),
                                                "correct": True,
                                                "feedback": (
                                                    "Klopt: zo bereik je de juiste mensen op "
                                                    "een persoonlijke manier."
                                                ),
                                            },
                                            {
                                                "text": (
                                                    "Iedereen deelt het een paar keer per week "
                                                    "tot het veel weergaven heeft"
                                                ),
                                                "correct": False,
                                                "feedback": (
                                                    "Herhalen tot het opvalt kost je de "
                                                    "welwillendheid van je netwerk."
                                                ),
                                            },
                                        ],
                                    },
                                ],
                            },
                        ),
                    ],
                },
                "en": {
                    "title": "Sources and copyright",
                    "blocks": [
                        (
                            "text",
                            (
                                "<h2>Always credit your source</h2><p>When you share someone "
                                "else's work, you make clear where it comes from. It is fair "
                                "to the creator, and it helps your network judge its "
                                "reliability for themselves. Link to the original source, not "
                                "to a site that copied the article. Where possible, name the "
                                "author or organisation and tag them if they are active on the "
                                "platform. That is also a nice way to get in touch with "
                                "peers.</p><h2>Linking is fine, copying usually "
                                "isn't</h2><p>Articles, photos, charts and videos are almost "
                                "always protected by copyright. The fact that something is "
                                "freely available online does not mean you may simply reuse "
                                "it. A few rules of thumb:</p><ul><li><strong>Share the "
                                "link.</strong> A link to the original piece, with the preview "
                                "the platform creates itself, is the usual and safe "
                                "way.</li><li><strong>Quote briefly.</strong> Quoting a short "
                                "passage to respond to it is generally allowed, provided you "
                                "credit the source and the quote remains a small part of your "
                                "own text. Don't copy whole paragraphs or complete "
                                "articles.</li><li><strong>Don't use other people's "
                                "images</strong> as a separate file in your post, such as a "
                                "photo from a news article or a chart from a paid report, "
                                "unless the creator gives permission or the licence allows "
                                "it.</li><li><strong>Behind a paywall?</strong> Share the "
                                "link, but don't put the content in your post or in a "
                                "PDF.</li><li><strong>Screenshots</strong> of other people's "
                                "articles or posts are someone else's images too. Linking is "
                                "better.</li></ul><p>Some creators publish under an open "
                                "licence, such as Creative Commons. In that case check which "
                                "conditions apply, for example that you credit the creator by "
                                "name.</p><h2>In doubt? Ask</h2><p>Copyright can be "
                                "complicated and the rules differ from country to country. If "
                                "you are not sure whether you may use something, just share "
                                "the link or ask the mentor desk. A mentor will help you "
                                "further or refer you to communications or legal.</p>"
                            ),
                        ),
                        (
                            "callout",
                            {
                                "kind": "warning",
                                "text": (
                                    "Retyping or translating an article and posting it as your "
                                    "own is not allowed without the creator's permission, even "
                                    "if you credit the source."
                                ),
                            },
                        ),
                        (
                            "quiz",
                            {
                                "title": "Quiz: stage 2, curation",
                                "pass_mark": 70,
                                "questions": [
                                    {
                                        "kind": "multiple",
                                        "text": (
                                            "Which questions help you judge whether an article "
                                            "is reliable? Select all correct answers."
                                        ),
                                        "options": [
                                            {
                                                "text": "Who is the publisher?",
                                                "correct": True,
                                                "feedback": (
                                                    "Correct: the publisher tells you a lot "
                                                    "about expertise and interests."
                                                ),
                                            },
                                            {
                                                "text": "How old is the article?",
                                                "correct": True,
                                                "feedback": (
                                                    "Correct: an old piece may be out of date "
                                                    "by now."
                                                ),
                                            },
                                            {
                                                "text": "How many likes does it have already?",
                                                "correct": False,
                                                "feedback": (
                                                    "Popularity says nothing about whether a "
                                                    "piece is accurate."
                                                ),
                                            },
                                            {
                                                "text": "Can you find the original source?",
                                                "correct": True,
                                                "feedback": (
                                                    "Correct: a verifiable source makes a "
                                                    "claim stronger."
                                                ),
                                            },
                                        ],
                                    },
                                    {
                                        "kind": "single",
                                        "text": "Which post fits curation best?",
                                        "options": [
                                            {
                                                "text": "Just the link, without any text",
                                                "correct": False,
                                                "feedback": (
                                                    "Without explanation your network doesn't "
                                                    "know why the piece is worth reading."
                                                ),
                                            },
                                            {
                                                "text": (
                                                    "The link with a short summary, your take "
                                                    "and what your network can do with it"
                                                ),
                                                "correct": True,
                                                "feedback": (
                                                    "Right: your comment is what makes "
                                                    "curation valuable."
                                                ),
                                            },
                                            {
                                                "text": "The entire article copied into your post",
                                                "correct": False,
                                                "feedback": (
                                                    "That infringes copyright; share the link "
                                                    "instead."
                                                ),
                                            },
                                            {
                                                "text": (
                                                    "The standard text all your colleagues use too"
                                                ),
                                                "correct": False,
                                                "feedback": (
                                                    "The same text from everyone looks like a "
                                                    "campaign and removes your own voice."
                                                ),
                                            },
                                        ],
                                    },
                                    {
                                        "kind": "truefalse",
                                        "text": (
                                            "If a photo is freely available online, you may "
                                            "use it in your own post without permission."
                                        ),
                                        "options": [
                                            {
                                                "text": "True",
                                                "correct": False,
                                                "feedback": (
                                                    "Even freely visible photos are usually "
                                                    "protected by copyright."
                                                ),
                                            },
                                            {
                                                "text": "False",
                                                "correct": True,
                                                "feedback": (
                                                    "Right: you need permission or a suitable "
                                                    "licence; sharing a link is fine."
                                                ),
                                            },
                                        ],
                                    },
                                    {
                                        "kind": "single",
                                        "text": (
                                            "Your organisation wants to draw attention to a "
                                            "new report. What fits ‘relevance over reach’?"
                                        ),
                                        "options": [
                                            {
                                                "text": (
                                                    "All colleagues share it at the same "
                                                    "moment with the same text"
                                                ),
                                                "correct": False,
                                                "feedback": (
                                                    "That may increase reach, but your "
                                                    "audience switches off."
                                                ),
                                            },
                                            {
                                                "text": (
                                                    "Colleagues for whom it is relevant share "
                                                    "it at their own moment in their own words"
                                                ),
                                                "correct": True,
                                                "feedback": (
                                                    "Right: that way you reach the right "
                                                    "people in a personal way."
                                                ),
                                            },
                                            {
                                                "text": (
                                                    "Everyone shares it several times a week "
                                                    "until it has lots of views"
                                                ),
                                                "correct": False,
                                                "feedback": (
                                                    "Repeating it until it stands out costs "
                                                    "you your network's goodwill."
                                                ),
                                            },
                                        ],
                                    },
                                ],
                            },
                        ),
                    ],
                },
            },
        ],
    },
    {
        "slug": "stage-3-production",
        "stage": 3,
        "required": True,
        "minutes": 52,
        "prerequisites": [
            "stage-2-curation",
        ],
        "nl": {
            "title": "Fase 3: productie",
            "summary": (
                "Maak je eigen artikelen, foto's en korte video's over je werk, binnen de "
                "contentstrategie en met hulp van het Mentorloket wanneer je dat wilt."
            ),
            "goals": [
                (
                    "Je schrijft een eigen post of artikel dat past bij de thema's en de toon "
                    "van de contentstrategie."
                ),
                (
                    "Je maakt foto's en korte video's met je telefoon, met toestemming en oog "
                    "voor vertrouwelijkheid."
                ),
                "Je weet hoe het Mentorloket je helpt met ghostwriting en eindredactie.",
            ],
        },
        "en": {
            "title": "Stage 3: production",
            "summary": (
                "Create your own articles, photos and short videos about your work, within the "
                "content strategy and with help from the mentor desk whenever you want it."
            ),
            "goals": [
                (
                    "You write your own post or article that fits the themes and tone of voice "
                    "of the content strategy."
                ),
                (
                    "You make photos and short videos with your phone, with consent and an eye "
                    "for confidentiality."
                ),
                "You know how the mentor desk helps you with ghostwriting and editing.",
            ],
        },
        "lessons": [
            {
                "slug": "contentstrategie",
                "minutes": 8,
                "nl": {
                    "title": "De contentstrategie als vertrekpunt",
                    "blocks": [
                        (
                            "text",
                            (
                                "<h2>Waarom een strategie als je je eigen verhaal "
                                "vertelt?</h2><p>In de derde fase ga je zelf maken: je "
                                "schrijft, fotografeert of filmt. Je verhaal is en blijft van "
                                "jou. De contentstrategie van je organisatie geeft je daarbij "
                                "houvast, geen keurslijf. Ze beschrijft waar de organisatie "
                                "voor staat en waarover ze iets te vertellen heeft, zodat de "
                                "verhalen van jou en je collega's samen een herkenbaar beeld "
                                "opleveren.</p><h2>Wat staat erin?</h2><p>Een contentstrategie "
                                "bevat meestal deze onderdelen:</p><ul><li><strong>Doel en "
                                "doelgroepen:</strong> wat wil de organisatie bereiken, en bij "
                                "wie? Denk aan klanten, partners, toekomstige collega's of de "
                                "buurt.</li><li><strong>Positionering en belofte:</strong> "
                                "waarin onderscheidt de organisatie zich, en wat mogen mensen "
                                "van haar verwachten?</li><li><strong>Thema's:</strong> de "
                                "onderwerpen waarover de organisatie iets te zeggen heeft, "
                                "bijvoorbeeld vakmanschap, duurzaamheid, innovatie of werken "
                                "bij.</li><li><strong>Toon:</strong> hoe klinken we? "
                                "Bijvoorbeeld deskundig maar toegankelijk, of nuchter met een "
                                "vleugje humor.</li><li><strong>Vorm- en beeldtaal:</strong> "
                                "welke stijl van foto's en video's past bij de organisatie, en "
                                "wat doen we liever niet?</li></ul><h2>Hoe gebruik je "
                                "haar?</h2><p>Zoek de overlap tussen drie dingen: wat je "
                                "meemaakt in je werk, wat je ervan weet, en de thema's van de "
                                "organisatie. Daar liggen je beste verhalen. Een monteur die "
                                "laat zien hoe een lastige klus is opgelost, raakt het thema "
                                "vakmanschap zonder het woord te noemen. Een beleidsmedewerker "
                                "die uitlegt wat een nieuwe regel betekent voor inwoners, laat "
                                "deskundigheid zien.</p><p>De toon van de organisatie is een "
                                "richting, maar jij klinkt als jezelf. Schrijf zoals je zou "
                                "praten tegen een geïnteresseerde klant of vakgenoot. Een "
                                "persoonlijke, authentieke stem is precies wat een "
                                "bedrijfsaccount mist, en dat is waarom jouw bijdrage ertoe "
                                "doet.</p><p>Weet je niet waar de contentstrategie te vinden "
                                "is, of is iets onduidelijk? Vraag het gerust aan het "
                                "Mentorloket of aan de afdeling communicatie.</p>"
                            ),
                        ),
                        (
                            "callout",
                            {
                                "kind": "tip",
                                "text": (
                                    "Schrijf drie thema's uit de strategie op waar jij echt "
                                    "iets over te vertellen hebt. Dat is je persoonlijke "
                                    "redactieformule."
                                ),
                            },
                        ),
                        (
                            "checklist",
                            {
                                "title": "Past mijn idee?",
                                "items": [
                                    "Het sluit aan bij minstens één thema",
                                    "Ik heb er zelf ervaring mee of kennis van",
                                    "Het is interessant voor een doelgroep van de organisatie",
                                    "Ik kan het vertellen zonder vertrouwelijke informatie",
                                ],
                            },
                        ),
                    ],
                },
                "en": {
                    "title": "The content strategy as your starting point",
                    "blocks": [
                        (
                            "text",
                            (
                                "<h2>Why a strategy when you are telling your own "
                                "story?</h2><p>In the third stage you start creating: you "
                                "write, take photos or film. Your story is and remains yours. "
                                "Your organisation's content strategy gives you something to "
                                "hold on to, not a straitjacket. It describes what the "
                                "organisation stands for and what it has to say, so that your "
                                "stories and your colleagues' stories together form a "
                                "recognisable picture.</p><h2>What is in it?</h2><p>A content "
                                "strategy usually contains these "
                                "parts:</p><ul><li><strong>Goal and target groups:</strong> "
                                "what does the organisation want to achieve, and with whom? "
                                "Think of customers, partners, future colleagues or the "
                                "neighbourhood.</li><li><strong>Positioning and "
                                "promise:</strong> what sets the organisation apart, and what "
                                "can people expect from it?</li><li><strong>Themes:</strong> "
                                "the subjects the organisation has something to say about, "
                                "such as craftsmanship, sustainability, innovation or working "
                                "here.</li><li><strong>Tone of voice:</strong> how do we "
                                "sound? For example expert but approachable, or down-to-earth "
                                "with a touch of humour.</li><li><strong>Visual "
                                "style:</strong> what kind of photos and videos suit the "
                                "organisation, and what do we prefer to "
                                "avoid?</li></ul><h2>How do you use it?</h2><p>Look for the "
                                "overlap between three things: what you experience in your "
                                "work, what you know about it, and the organisation's themes. "
                                "That is where your best stories are. A technician who shows "
                                "how a tricky job was solved touches on craftsmanship without "
                                "ever using the word. A policy officer who explains what a new "
                                "rule means for residents shows expertise.</p><p>The "
                                "organisation's tone is a direction, but you sound like "
                                "yourself. Write the way you would talk to an interested "
                                "customer or peer. A personal, authentic voice is exactly what "
                                "a corporate account lacks, and that is why your contribution "
                                "matters.</p><p>Don't know where to find the content strategy, "
                                "or is something unclear? Feel free to ask the mentor desk or "
                                "the communications department.</p>"
                            ),
                        ),
                        (
                            "callout",
                            {
                                "kind": "tip",
                                "text": (
                                    "Write down three themes from the strategy that you really "
                                    "have something to say about. That is your personal "
                                    "editorial formula."
                                ),
                            },
                        ),
                        (
                            "checklist",
                            {
                                "title": "Does my idea fit?",
                                "items": [
                                    "It connects to at least one theme",
                                    "I have experience with it or know about it",
                                    "It is interesting for one of the organisation's target groups",
                                    "I can tell it without confidential information",
                                ],
                            },
                        ),
                    ],
                },
            },
            {
                "slug": "schrijven-over-je-werk",
                "minutes": 12,
                "nl": {
                    "title": "Schrijven over een klantbezoek, congres of training",
                    "blocks": [
                        (
                            "text",
                            (
                                "<h2>Je werk zit vol verhalen</h2><p>Je hebt geen groot nieuws "
                                "nodig om iets interessants te schrijven. Een klantbezoek, een "
                                "congres, een training of een lastig probleem dat je hebt "
                                "opgelost: daar zitten lessen in waar anderen iets aan hebben. "
                                "Het gaat niet zozeer om wat je hebt gedaan, maar om wat je "
                                "hebt geleerd en wat de lezer daarmee kan.</p><h2>Post of "
                                "artikel?</h2><p>Een <strong>post</strong> is kort: een paar "
                                "alinea's, eventueel met een foto. Ideaal voor je indruk van "
                                "een congres of één inzicht uit een training. Een "
                                "<strong>artikel</strong>, bijvoorbeeld op LinkedIn of op de "
                                "website van je organisatie, is langer en leent zich voor een "
                                "uitgewerkte visie of een praktijkverhaal. Begin gerust met "
                                "posts.</p><h2>Een opbouw die werkt</h2><ol><li><strong>Een "
                                "opening die nieuwsgierig maakt.</strong> De eerste regels "
                                "zijn zichtbaar in de tijdlijn; daar beslist de lezer of die "
                                "verder leest. Begin met een observatie, een vraag of een "
                                "verrassend inzicht, niet met <em>Vandaag was ik "
                                "op…</em></li><li><strong>De situatie.</strong> Kort: waar was "
                                "je, wat speelde er?</li><li><strong>Je inzicht.</strong> Wat "
                                "heb je geleerd, wat viel je op? Eén of twee punten, geen "
                                "tien.</li><li><strong>De betekenis voor de lezer.</strong> "
                                "Wat kan die ermee?</li><li><strong>De afsluiting.</strong> "
                                "Een vraag aan je netwerk of een verwijzing naar meer "
                                "informatie.</li></ol><h3>Drie "
                                "voorbeelden</h3><ul><li><strong>Klantbezoek:</strong> vraag "
                                "eerst of de klant genoemd wil worden en wat je mag vertellen. "
                                "Schrijf over wat je samen hebt opgelost of geleerd, niet over "
                                "wat de klant heeft gekocht.</li><li><strong>Congres:</strong> "
                                "kies de ene presentatie die je het meest aan het denken zette "
                                "en leg uit waarom. Tag de "
                                "spreker.</li><li><strong>Training:</strong> deel één techniek "
                                "die je meteen bent gaan toepassen, en hoe dat "
                                "uitpakte.</li></ul><h2>Praktische tips</h2><p>Schrijf kort en "
                                "concreet. Gebruik witregels, zodat je tekst op een telefoon "
                                "prettig leest. Laat je tekst zo mogelijk een nacht liggen en "
                                "lees hem daarna hardop: wat stroef klinkt, herschrijf je. Een "
                                "paar passende hashtags zijn genoeg. En reageer op de reacties "
                                "die je krijgt; daar begint het gesprek.</p>"
                            ),
                        ),
                        (
                            "callout",
                            {
                                "kind": "warning",
                                "text": (
                                    "Houd klantinformatie vertrouwelijk: noem geen namen, "
                                    "prijzen, contracten of problemen van een klant zonder "
                                    "diens uitdrukkelijke toestemming."
                                ),
                            },
                        ),
                    ],
                },
                "en": {
                    "title": "Writing about a customer visit, conference or training",
                    "blocks": [
                        (
                            "text",
                            (
                                "<h2>Your work is full of stories</h2><p>You don't need big "
                                "news to write something interesting. A customer visit, a "
                                "conference, a training course or a tricky problem you solved: "
                                "they all contain lessons others can use. It is less about "
                                "what you did and more about what you learned and what the "
                                "reader can do with it.</p><h2>Post or article?</h2><p>A "
                                "<strong>post</strong> is short: a few paragraphs, perhaps "
                                "with a photo. Ideal for your impressions of a conference or "
                                "one insight from a training. An <strong>article</strong>, for "
                                "example on LinkedIn or on your organisation's website, is "
                                "longer and suits a worked-out view or a story from practice. "
                                "Feel free to start with posts.</p><h2>A structure that "
                                "works</h2><ol><li><strong>An opening that makes people "
                                "curious.</strong> The first lines are what people see in "
                                "their feed; that is where they decide whether to read on. "
                                "Start with an observation, a question or a surprising "
                                "insight, not with <em>Today I "
                                "attended…</em></li><li><strong>The situation.</strong> "
                                "Briefly: where were you, what was going "
                                "on?</li><li><strong>Your insight.</strong> What did you "
                                "learn, what struck you? One or two points, not "
                                "ten.</li><li><strong>What it means for the reader.</strong> "
                                "What can they do with it?</li><li><strong>The close.</strong> "
                                "A question to your network or a pointer to more "
                                "information.</li></ol><h3>Three "
                                "examples</h3><ul><li><strong>Customer visit:</strong> first "
                                "ask whether the customer wants to be named and what you may "
                                "tell. Write about what you solved or learned together, not "
                                "about what the customer "
                                "bought.</li><li><strong>Conference:</strong> pick the one "
                                "talk that made you think most and explain why. Tag the "
                                "speaker.</li><li><strong>Training:</strong> share one "
                                "technique you started using straight away, and how it "
                                "went.</li></ul><h2>Practical tips</h2><p>Write briefly and "
                                "concretely. Use blank lines so your text reads comfortably on "
                                "a phone. If you can, leave your text overnight and then read "
                                "it aloud: rewrite whatever sounds awkward. A few fitting "
                                "hashtags are enough. And respond to the comments you get; "
                                "that is where the conversation starts.</p>"
                            ),
                        ),
                        (
                            "callout",
                            {
                                "kind": "warning",
                                "text": (
                                    "Keep customer information confidential: don't mention a "
                                    "customer's names, prices, contracts or problems without "
                                    "their explicit permission."
                                ),
                            },
                        ),
                    ],
                },
            },
            {
                "slug": "fotos-maken",
                "minutes": 10,
                "nl": {
                    "title": "Foto's: mooi, en met toestemming",
                    "blocks": [
                        (
                            "text",
                            (
                                "<h2>Een goede foto met je telefoon</h2><p>Beeld valt op in "
                                "een tijdlijn, en met een moderne telefoon maak je prima "
                                "foto's. Let op een paar "
                                "basisregels:</p><ul><li><strong>Licht:</strong> zoek "
                                "daglicht, bijvoorbeeld bij een raam. Fotografeer niemand met "
                                "een fel raam in de rug, want dan wordt het gezicht "
                                "donker.</li><li><strong>Dichterbij:</strong> loop liever naar "
                                "je onderwerp toe dan dat je inzoomt. Drie mensen die samen "
                                "ergens mee bezig zijn, zeggen meer dan een zaal vol "
                                "ruggen.</li><li><strong>Actie boven poseren:</strong> mensen "
                                "aan het werk, in gesprek of tijdens een demonstratie werken "
                                "beter dan een rij mensen die in de camera "
                                "lacht.</li><li><strong>Rustige achtergrond:</strong> kijk "
                                "voordat je afdrukt wat er achter je onderwerp "
                                "staat.</li><li><strong>Schone lens:</strong> even afvegen met "
                                "een zachte doek maakt vaak verrassend veel "
                                "verschil.</li></ul><h2>Vraag toestemming</h2><p>Staan er "
                                "herkenbare mensen op je foto, vraag dan of ze het goed vinden "
                                "dat je hem online zet. Dat geldt voor collega's en zeker voor "
                                "klanten, bezoekers en cursisten. Vertel ook waar de foto komt "
                                "te staan: wie het prima vindt op intranet, heeft misschien "
                                "liever niet dat hij op Instagram verschijnt. Bij kinderen "
                                "vraag je altijd een ouder of verzorger, en vaak is het beter "
                                "om ze helemaal niet herkenbaar in beeld te "
                                "brengen.</p><p>Zegt iemand nee of twijfelt die, kies dan een "
                                "andere foto of fotografeer zo dat die persoon niet herkenbaar "
                                "is. Trekt iemand later zijn toestemming in, dan haal je de "
                                "foto weg.</p><h2>Let op vertrouwelijkheid</h2><p>Bekijk een "
                                "foto goed voordat je hem plaatst. Vertrouwelijke informatie "
                                "glipt vaak via de achtergrond naar "
                                "buiten:</p><ul><li>beeldschermen, whiteboards en flip-overs "
                                "met aantekeningen;</li><li>documenten, badges en "
                                "naambordjes;</li><li>prototypes of producten die nog niet "
                                "zijn aangekondigd;</li><li>het gebouw of de locatie van een "
                                "klant die niet genoemd wil worden;</li><li>beveiligde "
                                "ruimtes, toegangscodes en sleutelkasten.</li></ul><p>Zoom op "
                                "je eigen foto in voordat je hem deelt. Wat jij op een klein "
                                "scherm mist, kan een ander uitvergroot wel lezen.</p>"
                            ),
                        ),
                        (
                            "callout",
                            {
                                "kind": "tip",
                                "text": (
                                    "Vraag toestemming het liefst al voordat je fotografeert. "
                                    "Even zeggen ‘Ik wil er een post over maken, vind je het "
                                    "goed als je erop staat?’ voorkomt gedoe achteraf."
                                ),
                            },
                        ),
                        (
                            "checklist",
                            {
                                "title": "Voordat je een foto plaatst",
                                "items": [
                                    "Iedereen die herkenbaar is, heeft toestemming gegeven",
                                    "Er staat niets vertrouwelijks op de achtergrond",
                                    "De klant vindt het goed dat de locatie herkenbaar is",
                                    "Ik heb de foto uitvergroot en gecontroleerd",
                                ],
                            },
                        ),
                    ],
                },
                "en": {
                    "title": "Photos: attractive, and with consent",
                    "blocks": [
                        (
                            "text",
                            (
                                "<h2>A good photo with your phone</h2><p>Images stand out in a "
                                "feed, and a modern phone takes perfectly good photos. Keep a "
                                "few basics in mind:</p><ul><li><strong>Light:</strong> look "
                                "for daylight, for example by a window. Don't photograph "
                                "anyone with a bright window behind them, or their face will "
                                "turn out dark.</li><li><strong>Get closer:</strong> walk up "
                                "to your subject rather than zooming in. Three people working "
                                "on something together say more than a room full of "
                                "backs.</li><li><strong>Action over posing:</strong> people at "
                                "work, in conversation or during a demonstration work better "
                                "than a row of people smiling at the "
                                "camera.</li><li><strong>Calm background:</strong> check what "
                                "is behind your subject before you take the "
                                "shot.</li><li><strong>Clean lens:</strong> a quick wipe with "
                                "a soft cloth often makes a surprising "
                                "difference.</li></ul><h2>Ask for consent</h2><p>If there are "
                                "recognisable people in your photo, ask whether they are happy "
                                "for you to put it online. That applies to colleagues and "
                                "certainly to customers, visitors and course participants. "
                                "Also tell them where the photo will appear: someone who is "
                                "fine with the intranet may prefer not to show up on "
                                "Instagram. With children, always ask a parent or carer, and "
                                "it is often better not to show them recognisably at "
                                "all.</p><p>If someone says no or hesitates, choose another "
                                "photo or take it so that the person can't be recognised. If "
                                "someone withdraws their consent later, take the photo "
                                "down.</p><h2>Mind confidentiality</h2><p>Look carefully at a "
                                "photo before you post it. Confidential information often "
                                "slips out through the background:</p><ul><li>screens, "
                                "whiteboards and flip charts with notes;</li><li>documents, "
                                "badges and name tags;</li><li>prototypes or products that "
                                "have not been announced yet;</li><li>the building or location "
                                "of a customer who doesn't want to be named;</li><li>secure "
                                "areas, access codes and key cabinets.</li></ul><p>Zoom in on "
                                "your own photo before you share it. What you miss on a small "
                                "screen, someone else can read when they enlarge it.</p>"
                            ),
                        ),
                        (
                            "callout",
                            {
                                "kind": "tip",
                                "text": (
                                    "Ideally, ask for consent before you take the photo. "
                                    "Simply saying ‘I'd like to post about this, are you OK "
                                    "with being in the picture?’ saves trouble afterwards."
                                ),
                            },
                        ),
                        (
                            "checklist",
                            {
                                "title": "Before you post a photo",
                                "items": [
                                    "Everyone who is recognisable has given consent",
                                    "There is nothing confidential in the background",
                                    "The customer is fine with the location being recognisable",
                                    "I have zoomed in and checked the photo",
                                ],
                            },
                        ),
                    ],
                },
            },
            {
                "slug": "korte-video",
                "minutes": 10,
                "nl": {
                    "title": "Een korte video met je telefoon",
                    "blocks": [
                        (
                            "text",
                            (
                                "<h2>Video hoeft niet ingewikkeld te zijn</h2><p>Een korte "
                                "video laat zien wie er achter de organisatie zitten. Je hebt "
                                "er geen studio voor nodig: je telefoon, een rustige plek en "
                                "een helder idee zijn genoeg. Begin eenvoudig, bijvoorbeeld "
                                "met een uitleg van een minuut over een vraag die klanten je "
                                "vaak stellen, of een korte impressie van een "
                                "evenement.</p><h2>Voorbereiden</h2><ul><li><strong>Eén "
                                "boodschap:</strong> wat moet de kijker onthouden? Schrijf het "
                                "op in één zin.</li><li><strong>Kort:</strong> op sociale "
                                "media werkt korter meestal beter. Voor de meeste onderwerpen "
                                "is een halve minuut tot twee minuten "
                                "genoeg.</li><li><strong>Staand of liggend:</strong> voor "
                                "Instagram-reels en -stories film je staand. Ook op LinkedIn "
                                "kijken veel mensen op hun telefoon, dus staand of vierkant "
                                "werkt daar goed; liggend past beter bij een presentatie of "
                                "website.</li><li><strong>Steekwoorden in plaats van een "
                                "script:</strong> wie voorleest, klinkt "
                                "stijf.</li></ul><h2>Opnemen</h2><ul><li><strong>Geluid:</strong> "
                                "kies een rustige ruimte zonder galm en houd de telefoon "
                                "dichtbij, of gebruik een eenvoudig dasspeldmicrofoontje. "
                                "Kijkers vergeven matig beeld eerder dan slecht "
                                "geluid.</li><li><strong>Licht:</strong> met je gezicht naar "
                                "het raam, niet met je rug "
                                "ernaartoe.</li><li><strong>Stabiel:</strong> zet je telefoon "
                                "op een klein statief of tegen een stapel boeken, op "
                                "ooghoogte.</li><li><strong>Kijk in de lens</strong>, niet "
                                "naar jezelf op het scherm.</li><li><strong>Neem een paar keer "
                                "op.</strong> De tweede of derde poging is bijna altijd de "
                                "beste.</li></ul><h2>Afwerken</h2><p>Knip het begin en het "
                                "einde bij met de bewerkingsfunctie van je telefoon. Voeg "
                                "ondertiteling toe: veel mensen kijken in de trein of op "
                                "kantoor zonder geluid, en ondertitels maken je video ook "
                                "toegankelijk voor doven en slechthorenden. Veel apps maken "
                                "ondertitels automatisch; controleer ze wel, zeker bij namen "
                                "en vaktermen. Schrijf er een korte tekst bij die vertelt waar "
                                "de video over gaat.</p><p>Voor video geldt hetzelfde als voor "
                                "foto's: toestemming van iedereen die in beeld is en niets "
                                "vertrouwelijks op de achtergrond. Let ook op geluid, zoals "
                                "een gesprek aan de tafel naast je.</p>"
                            ),
                        ),
                        (
                            "callout",
                            {
                                "kind": "tip",
                                "text": (
                                    "Oefen eerst met een collega als publiek. Wie tegen een "
                                    "mens praat in plaats van tegen een telefoon, klinkt "
                                    "meteen natuurlijker."
                                ),
                            },
                        ),
                        (
                            "checklist",
                            {
                                "title": "Klaar om op te nemen",
                                "items": [
                                    "Mijn boodschap past in één zin",
                                    "Rustige ruimte, licht van voren",
                                    "Telefoon stabiel en op ooghoogte",
                                    "Iedereen in beeld weet ervan en vindt het goed",
                                ],
                            },
                        ),
                    ],
                },
                "en": {
                    "title": "A short video with your phone",
                    "blocks": [
                        (
                            "text",
                            (
                                "<h2>Video doesn't have to be complicated</h2><p>A short video "
                                "shows who is behind the organisation. You don't need a "
                                "studio: your phone, a quiet spot and a clear idea are enough. "
                                "Start simple, for example with a one-minute explanation of a "
                                "question customers often ask you, or a short impression of an "
                                "event.</p><h2>Prepare</h2><ul><li><strong>One "
                                "message:</strong> what should the viewer remember? Write it "
                                "down in one sentence.</li><li><strong>Short:</strong> on "
                                "social media, shorter usually works better. For most topics "
                                "half a minute to two minutes is "
                                "enough.</li><li><strong>Portrait or landscape:</strong> for "
                                "Instagram reels and stories, film in portrait. Many people "
                                "watch LinkedIn on their phone too, so portrait or square "
                                "works well there; landscape suits a presentation or website "
                                "better.</li><li><strong>Keywords instead of a "
                                "script:</strong> reading aloud makes you sound "
                                "stiff.</li></ul><h2>Record</h2><ul><li><strong>Sound:</strong> "
                                "choose a quiet room without echo and keep the phone close, or "
                                "use a simple clip-on microphone. Viewers forgive mediocre "
                                "images sooner than bad sound.</li><li><strong>Light:</strong> "
                                "face the window, don't turn your back to "
                                "it.</li><li><strong>Steady:</strong> put your phone on a "
                                "small tripod or against a pile of books, at eye "
                                "level.</li><li><strong>Look into the lens</strong>, not at "
                                "yourself on the screen.</li><li><strong>Record a few "
                                "takes.</strong> The second or third attempt is almost always "
                                "the best.</li></ul><h2>Finish</h2><p>Trim the start and end "
                                "with your phone's editing feature. Add subtitles: many people "
                                "watch on the train or in the office without sound, and "
                                "subtitles also make your video accessible to people who are "
                                "deaf or hard of hearing. Many apps generate subtitles "
                                "automatically; do check them, especially names and technical "
                                "terms. Add a short text that says what the video is "
                                "about.</p><p>The same applies to video as to photos: consent "
                                "from everyone in the picture and nothing confidential in the "
                                "background. Mind the sound as well, such as a conversation at "
                                "the next table.</p>"
                            ),
                        ),
                        (
                            "callout",
                            {
                                "kind": "tip",
                                "text": (
                                    "Practise first with a colleague as your audience. Talking "
                                    "to a person instead of a phone makes you sound natural "
                                    "straight away."
                                ),
                            },
                        ),
                        (
                            "checklist",
                            {
                                "title": "Ready to record",
                                "items": [
                                    "My message fits in one sentence",
                                    "Quiet room, light from the front",
                                    "Phone steady and at eye level",
                                    "Everyone in the picture knows and agrees",
                                ],
                            },
                        ),
                    ],
                },
            },
            {
                "slug": "hulp-bij-schrijven-en-eindredactie",
                "minutes": 12,
                "nl": {
                    "title": "Hulp bij schrijven en eindredactie",
                    "blocks": [
                        (
                            "text",
                            (
                                "<h2>Je hoeft het niet alleen te doen</h2><p>Zelf content "
                                "maken kost tijd en vraagt wat lef. Veel mensen hebben een "
                                "goed verhaal, maar vinden het lastig om het op papier te "
                                "krijgen, of twijfelen of hun tekst goed genoeg is. Daarvoor "
                                "is het Mentorloket er, ook in deze fase. Het is het vangnet "
                                "van het programma: je kunt er terecht met vragen, voor "
                                "coaching en voor hulp bij het maken "
                                "zelf.</p><h2>Ghostwriting: jouw verhaal, met hulp "
                                "opgeschreven</h2><p>Heb je een goed idee maar weinig tijd of "
                                "schrijfervaring? Dan kan een mentor of iemand van "
                                "communicatie je helpen met ghostwriting. Zo gaat dat "
                                "meestal:</p><ol><li>Je vertelt je verhaal in een kort "
                                "gesprek, of je stuurt een paar steekwoorden, een "
                                "spraakbericht of ruwe aantekeningen.</li><li>De schrijver "
                                "maakt er een tekst van in jouw stijl.</li><li>Jij leest hem "
                                "kritisch. Klinkt het als jij? Klopt alles? Zou je het zo "
                                "zeggen?</li><li>Pas als jij tevreden bent, plaats je hem op "
                                "je eigen account.</li></ol><p>Belangrijk: een tekst die onder "
                                "jouw naam verschijnt, moet jouw ervaring en mening weergeven. "
                                "Ghostwriting helpt je om je eigen verhaal goed te vertellen, "
                                "niet om het verhaal van een ander als het jouwe te brengen. "
                                "Jij hebt altijd het laatste woord.</p><h2>Eindredactie: de "
                                "laatste blik</h2><p>Heb je zelf geschreven? Laat je tekst dan "
                                "nakijken voordat je hem publiceert. Bij eindredactie let "
                                "iemand op:</p><ul><li>spelling, grammatica en "
                                "leesbaarheid;</li><li>de opbouw: is de kern snel duidelijk en "
                                "is de opening sterk genoeg?</li><li>feiten, namen en "
                                "cijfers;</li><li>vertrouwelijkheid en toestemming van "
                                "genoemde mensen of klanten;</li><li>aansluiting bij de "
                                "thema's en de toon van de contentstrategie.</li></ul><p>Ook "
                                "bij foto en video kun je hulp vragen, bijvoorbeeld bij het "
                                "kiezen van de beste beelden of het inkorten van een "
                                "video.</p><h2>Hulp vragen</h2><p>Vertel het Mentorloket wat "
                                "je wilt maken, voor welk platform en wanneer je het ongeveer "
                                "wilt plaatsen. Geef je mentor wat tijd: een goede tekst "
                                "ontstaat niet in tien minuten. Na een paar keer merk je "
                                "vanzelf dat je steeds minder hulp nodig hebt.</p>"
                            ),
                        ),
                        (
                            "callout",
                            {
                                "kind": "tip",
                                "text": (
                                    "Groeien gaat in je eigen tempo. Of je nu elke maand een "
                                    "artikel schrijft of één keer per jaar een congresverslag: "
                                    "elke bijdrage telt, en meedoen blijft vrijwillig."
                                ),
                            },
                        ),
                        (
                            "quiz",
                            {
                                "title": "Toets: fase 3, productie",
                                "pass_mark": 70,
                                "questions": [
                                    {
                                        "kind": "single",
                                        "text": (
                                            "Je wilt een post schrijven over een klantbezoek. "
                                            "Wat doe je eerst?"
                                        ),
                                        "options": [
                                            {
                                                "text": (
                                                    "Vragen of de klant genoemd wil worden en "
                                                    "wat je mag vertellen"
                                                ),
                                                "correct": True,
                                                "feedback": (
                                                    "Klopt: zonder toestemming van de klant "
                                                    "deel je geen klantinformatie."
                                                ),
                                            },
                                            {
                                                "text": (
                                                    "Een foto van het contract maken als bewijs"
                                                ),
                                                "correct": False,
                                                "feedback": (
                                                    "Contracten zijn vertrouwelijk en horen "
                                                    "nooit in beeld."
                                                ),
                                            },
                                            {
                                                "text": (
                                                    "Het bedrag van de opdracht noemen, dat "
                                                    "maakt indruk"
                                                ),
                                                "correct": False,
                                                "feedback": (
                                                    "Prijzen en bedragen van klanten zijn "
                                                    "vertrouwelijk."
                                                ),
                                            },
                                            {
                                                "text": (
                                                    "Direct posten en achteraf toestemming vragen"
                                                ),
                                                "correct": False,
                                                "feedback": (
                                                    "Toestemming vraag je vooraf; eenmaal "
                                                    "gedeeld is moeilijk terug te halen."
                                                ),
                                            },
                                        ],
                                    },
                                    {
                                        "kind": "multiple",
                                        "text": (
                                            "Waar let je op voordat je een foto van een "
                                            "workshop plaatst? Kies alle juiste antwoorden."
                                        ),
                                        "options": [
                                            {
                                                "text": (
                                                    "Toestemming van deelnemers die herkenbaar zijn"
                                                ),
                                                "correct": True,
                                                "feedback": (
                                                    "Juist: herkenbare mensen vraag je altijd "
                                                    "om toestemming."
                                                ),
                                            },
                                            {
                                                "text": (
                                                    "Leesbare schermen of whiteboards op de "
                                                    "achtergrond"
                                                ),
                                                "correct": True,
                                                "feedback": (
                                                    "Juist: via de achtergrond lekt vaak "
                                                    "vertrouwelijke informatie."
                                                ),
                                            },
                                            {
                                                "text": "Of er zoveel mogelijk filters op zitten",
                                                "correct": False,
                                                "feedback": (
                                                    "Filters zijn een smaakkwestie en hebben "
                                                    "niets met zorgvuldigheid te maken."
                                                ),
                                            },
                                            {
                                                "text": "Badges en naambordjes met namen erop",
                                                "correct": True,
                                                "feedback": (
                                                    "Juist: ook namen op badges zijn "
                                                    "persoonsgegevens."
                                                ),
                                            },
                                        ],
                                    },
                                    {
                                        "kind": "truefalse",
                                        "text": (
                                            "Bij ghostwriting mag een mentor een tekst onder "
                                            "jouw naam plaatsen zonder dat jij hem hebt "
                                            "gelezen."
                                        ),
                                        "options": [
                                            {
                                                "text": "Waar",
                                                "correct": False,
                                                "feedback": (
                                                    "Een tekst onder jouw naam moet jouw "
                                                    "verhaal zijn, dus jij leest en beslist."
                                                ),
                                            },
                                            {
                                                "text": "Niet waar",
                                                "correct": True,
                                                "feedback": (
                                                    "Klopt: jij hebt altijd het laatste woord "
                                                    "en plaatst de tekst zelf."
                                                ),
                                            },
                                        ],
                                    },
                                    {
                                        "kind": "single",
                                        "text": (
                                            "Wat betekent de contentstrategie voor jou als maker?"
                                        ),
                                        "options": [
                                            {
                                                "text": (
                                                    "Houvast met thema's en toon, terwijl je "
                                                    "in je eigen stem schrijft"
                                                ),
                                                "correct": True,
                                                "feedback": (
                                                    "Klopt: de strategie geeft richting, jouw "
                                                    "persoonlijke stem maakt het echt."
                                                ),
                                            },
                                            {
                                                "text": (
                                                    "Een vast script dat je woordelijk moet volgen"
                                                ),
                                                "correct": False,
                                                "feedback": (
                                                    "De strategie is een kader, geen tekst die "
                                                    "je overneemt."
                                                ),
                                            },
                                            {
                                                "text": (
                                                    "Iets wat alleen voor de afdeling "
                                                    "communicatie van belang is"
                                                ),
                                                "correct": False,
                                                "feedback": (
                                                    "Juist als maker heb je er houvast aan bij "
                                                    "het kiezen van je onderwerpen."
                                                ),
                                            },
                                        ],
                                    },
                                    {
                                        "kind": "truefalse",
                                        "text": (
                                            "Ondertiteling maakt je video ook te volgen voor "
                                            "mensen die zonder geluid kijken."
                                        ),
                                        "options": [
                                            {
                                                "text": "Waar",
                                                "correct": True,
                                                "feedback": (
                                                    "Klopt: en het maakt je video toegankelijk "
                                                    "voor doven en slechthorenden."
                                                ),
                                            },
                                            {
                                                "text": "Niet waar",
                                                "correct": False,
                                                "feedback": (
                                                    "Ondertitels helpen juist iedereen die het "
                                                    "geluid uit heeft staan."
                                                ),
                                            },
                                        ],
                                    },
                                ],
                            },
                        ),
                    ],
                },
                "en": {
                    "title": "Help with writing and editing",
                    "blocks": [
                        (
                            "text",
                            (
                                "<h2>You don't have to do it alone</h2><p>Creating your own "
                                "content takes time and a bit of courage. Many people have a "
                                "good story but find it hard to get it down on paper, or "
                                "wonder whether their text is good enough. That is what the "
                                "mentor desk is for, in this stage too. It is the programme's "
                                "safety net: you can go there with questions, for coaching and "
                                "for help with the actual making.</p><h2>Ghostwriting: your "
                                "story, written up with help</h2><p>Do you have a good idea "
                                "but little time or writing experience? A mentor or someone "
                                "from communications can help you with ghostwriting. It "
                                "usually works like this:</p><ol><li>You tell your story in a "
                                "short conversation, or send a few keywords, a voice message "
                                "or rough notes.</li><li>The writer turns it into a text in "
                                "your style.</li><li>You read it critically. Does it sound "
                                "like you? Is everything correct? Would you say it like "
                                "this?</li><li>Only when you are happy do you post it on your "
                                "own account.</li></ol><p>Important: a text published under "
                                "your name must reflect your experience and opinion. "
                                "Ghostwriting helps you tell your own story well; it is not a "
                                "way to pass off someone else's story as yours. You always "
                                "have the final say.</p><h2>Editing: the final look</h2><p>Did "
                                "you write it yourself? Then have your text checked before you "
                                "publish it. An editor looks at:</p><ul><li>spelling, grammar "
                                "and readability;</li><li>structure: is the main point clear "
                                "quickly, and is the opening strong enough?</li><li>facts, "
                                "names and figures;</li><li>confidentiality and consent from "
                                "people or customers you mention;</li><li>fit with the themes "
                                "and tone of voice of the content strategy.</li></ul><p>You "
                                "can ask for help with photos and video too, for example "
                                "choosing the best shots or trimming a video.</p><h2>Asking "
                                "for help</h2><p>Tell the mentor desk what you want to make, "
                                "for which platform and roughly when you want to post it. Give "
                                "your mentor some time: a good text isn't written in ten "
                                "minutes. After a few times you will notice that you need less "
                                "and less help.</p>"
                            ),
                        ),
                        (
                            "callout",
                            {
                                "kind": "tip",
                                "text": (
                                    "You grow at your own pace. Whether you write an article "
                                    "every month or a conference report once a year: every "
                                    "contribution counts, and taking part remains voluntary."
                                ),
                            },
                        ),
                        (
                            "quiz",
                            {
                                "title": "Quiz: stage 3, production",
                                "pass_mark": 70,
                                "questions": [
                                    {
                                        "kind": "single",
                                        "text": (
                                            "You want to write a post about a customer visit. "
                                            "What do you do first?"
                                        ),
                                        "options": [
                                            {
                                                "text": (
                                                    "Ask whether the customer wants to be "
                                                    "named and what you may tell"
                                                ),
                                                "correct": True,
                                                "feedback": (
                                                    "Right: without the customer's permission "
                                                    "you share no customer information."
                                                ),
                                            },
                                            {
                                                "text": "Take a photo of the contract as proof",
                                                "correct": False,
                                                "feedback": (
                                                    "Contracts are confidential and never "
                                                    "belong in a picture."
                                                ),
                                            },
                                            {
                                                "text": (
                                                    "Mention the value of the order, that "
                                                    "makes an impression"
                                                ),
                                                "correct": False,
                                                "feedback": (
                                                    "Customers' prices and amounts are "
                                                    "confidential."
                                                ),
                                            },
                                            {
                                                "text": (
                                                    "Post straight away and ask for permission "
                                                    "afterwards"
                                                ),
                                                "correct": False,
                                                "feedback": (
                                                    "You ask for permission beforehand; once "
                                                    "shared, it is hard to take back."
                                                ),
                                            },
                                        ],
                                    },
                                    {
                                        "kind": "multiple",
                                        "text": (
                                            "What do you check before posting a photo of a "
                                            "workshop? Select all correct answers."
                                        ),
                                        "options": [
                                            {
                                                "text": (
                                                    "Consent from participants who are recognisable"
                                                ),
                                                "correct": True,
                                                "feedback": (
                                                    "Correct: always ask recognisable people "
                                                    "for consent."
                                                ),
                                            },
                                            {
                                                "text": (
                                                    "Readable screens or whiteboards in the "
                                                    "background"
                                                ),
                                                "correct": True,
                                                "feedback": (
                                                    "Correct: confidential information often "
                                                    "leaks through the background."
                                                ),
                                            },
                                            {
                                                "text": (
                                                    "Whether it has as many filters as possible"
                                                ),
                                                "correct": False,
                                                "feedback": (
                                                    "Filters are a matter of taste and have "
                                                    "nothing to do with care."
                                                ),
                                            },
                                            {
                                                "text": "Badges and name tags with names on them",
                                                "correct": True,
                                                "feedback": (
                                                    "Correct: names on badges are personal "
                                                    "data too."
                                                ),
                                            },
                                        ],
                                    },
                                    {
                                        "kind": "truefalse",
                                        "text": (
                                            "With ghostwriting, a mentor may post a text under "
                                            "your name without you having read it."
                                        ),
                                        "options": [
                                            {
                                                "text": "True",
                                                "correct": False,
                                                "feedback": (
                                                    "A text under your name must be your "
                                                    "story, so you read it and decide."
                                                ),
                                            },
                                            {
                                                "text": "False",
                                                "correct": True,
                                                "feedback": (
                                                    "Right: you always have the final say and "
                                                    "post the text yourself."
                                                ),
                                            },
                                        ],
                                    },
                                    {
                                        "kind": "single",
                                        "text": (
                                            "What does the content strategy mean for you as a "
                                            "creator?"
                                        ),
                                        "options": [
                                            {
                                                "text": (
                                                    "Guidance on themes and tone, while you "
                                                    "write in your own voice"
                                                ),
                                                "correct": True,
                                                "feedback": (
                                                    "Right: the strategy gives direction; your "
                                                    "personal voice makes it real."
                                                ),
                                            },
                                            {
                                                "text": (
                                                    "A fixed script you have to follow word "
                                                    "for word"
                                                ),
                                                "correct": False,
                                                "feedback": (
                                                    "The strategy is a framework, not a text "
                                                    "you copy."
                                                ),
                                            },
                                            {
                                                "text": (
                                                    "Something that only matters to the "
                                                    "communications department"
                                                ),
                                                "correct": False,
                                                "feedback": (
                                                    "As a creator you especially benefit from "
                                                    "it when choosing your topics."
                                                ),
                                            },
                                        ],
                                    },
                                    {
                                        "kind": "truefalse",
                                        "text": (
                                            "Subtitles make your video easy to follow for "
                                            "people who watch without sound."
                                        ),
                                        "options": [
                                            {
                                                "text": "True",
                                                "correct": True,
                                                "feedback": (
                                                    "Right: and they make your video "
                                                    "accessible to people who are deaf or hard "
                                                    "of hearing."
                                                ),
                                            },
                                            {
                                                "text": "False",
                                                "correct": False,
                                                "feedback": (
                                                    "Subtitles help precisely everyone who has "
                                                    "the sound off."
                                                ),
                                            },
                                        ],
                                    },
                                ],
                            },
                        ),
                    ],
                },
            },
        ],
    },
]
