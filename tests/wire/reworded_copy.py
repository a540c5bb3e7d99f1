"""Pairs of agency copy about one event, the second independently reworded, each of its
sentences labelled: True when it brings a fact the first does not have, False when it only
says again, in other words, what the first said.

Written for these tests (fictional agencies' copy about the kind of events the desk sees).
TUNING is what the threshold of dateline/wire/novelty.py was chosen on. HELD_OUT was written at
the same time and never tuned on; its first measurement showed three reading mistakes, fixed as
bugs with no threshold changed, so LAST_CHECK was written after them and measured once.
"""

TUNING = [
    {
        "lead": [
            "More than 150,000 people have been displaced in the Indian state of Assam after the "
            "Brahmaputra river breached embankments in three districts, the state disaster "
            "management authority said on Monday.",
            "Rescue teams of the National Disaster Response Force evacuated villagers by boat in "
            "Dhubri, Goalpara and Barpeta, where water levels rose 1.2 metres in 24 hours.",
            '"We have opened 410 relief camps and are moving drinking water and dry rations to '
            'the worst-hit areas," state relief commissioner Anjali Bora told reporters in '
            "Guwahati.",
            "The India Meteorological Department forecast heavy rain over the north-east for "
            "another three days.",
        ],
        "rewrite": [
            (
                "Floodwaters from the swollen Brahmaputra have forced more than 150,000 people "
                "from their homes in Assam, disaster officials said.",
                False,
            ),
            (
                "National Disaster Response Force teams used boats to move villagers out of "
                "Dhubri, Goalpara and Barpeta districts.",
                False,
            ),
            (
                "Relief commissioner Anjali Bora said 410 camps had been opened and drinking "
                "water and rations were being sent to the worst-affected areas.",
                False,
            ),
            ("At least 11 people have drowned since Friday, the authority said.", True),
            ("Forecasters expect heavy rain across the north-east for three more days.", False),
            (
                "Train services between Guwahati and Dibrugarh were suspended after tracks were "
                "submerged.",
                True,
            ),
        ],
    },
    {
        "lead": [
            "Some 2.1 million Kenyans need food aid after a fourth consecutive rainy season "
            "failed, the World Food Programme said on Tuesday.",
            "The agency said livestock deaths in Turkana, Marsabit and Wajir counties had left "
            "pastoralist families without income.",
            "WFP country director Lauren Landis said the agency needed $95 million to feed people "
            "until March.",
            "Kenya's government declared the drought a national disaster in September.",
        ],
        "rewrite": [
            (
                "The World Food Programme says 2.1 million people in Kenya now depend on food aid "
                "after the rains failed for a fourth season in a row.",
                False,
            ),
            (
                "Herding families in Marsabit, Wajir and Turkana have lost their income as their "
                "animals died, the UN agency said.",
                False,
            ),
            ("Landis said the WFP was short of $95 million for operations through March.", False),
            (
                "Malnutrition rates among children under five in Turkana have reached 37 percent, "
                "the agency added.",
                True,
            ),
            (
                "The government had declared a national disaster over the drought in September.",
                False,
            ),
        ],
    },
    {
        "lead": [
            "Ghana began vaccinating 1.2 million children under five against malaria on "
            "Thursday, the health ministry said.",
            "The R21 vaccine, developed by the University of Oxford, will be given in four doses "
            "in 42 districts with the highest transmission.",
            "Health Minister Kwaku Agyeman-Manu said the campaign was funded by Gavi, the Vaccine "
            "Alliance.",
            "Malaria killed more than 12,000 people in Ghana last year.",
        ],
        "rewrite": [
            (
                "Health workers in Ghana started giving malaria shots to 1.2 million under-fives, "
                "the ministry of health said.",
                False,
            ),
            (
                "The four-dose R21 jab, created at Oxford University, is being rolled out in the "
                "42 districts where transmission is highest.",
                False,
            ),
            ("Gavi is paying for the drive, Agyeman-Manu said.", False),
            ("Nurses in Tamale said mothers had queued from dawn at clinics.", True),
            ("Ghana recorded over 12,000 malaria deaths last year.", False),
            ("The Serum Institute of India is manufacturing the doses.", True),
        ],
    },
    {
        "lead": [
            "The World Bank approved a $300 million credit to expand school meals in Bangladesh, "
            "the lender said on Wednesday.",
            "The programme will provide fortified biscuits and cooked lunches to 3 million "
            "primary pupils in 150 sub-districts.",
            "Education Minister Dipu Moni said the meals would help keep girls in school.",
            "About one in four children in Bangladesh is stunted, according to UNICEF.",
        ],
        "rewrite": [
            (
                "Bangladesh will get $300m from the World Bank to extend its school feeding scheme.",
                False,
            ),
            (
                "Three million primary school children in 150 upazilas will receive fortified "
                "biscuits and hot lunches.",
                False,
            ),
            ("Dipu Moni, the education minister, said school meals keep girls in class.", False),
            ("The credit carries a 30-year maturity with a five-year grace period.", True),
            ("UNICEF estimates that a quarter of Bangladeshi children are stunted.", False),
        ],
    },
    {
        "lead": [
            "Nepal's 900-megawatt Arun-3 hydropower plant began exporting electricity to India on "
            "Sunday, the Nepal Electricity Authority said.",
            "The $1.5 billion project on the Arun river in eastern Nepal was built by India's "
            "state-run SJVN.",
            "Nepal will get 21.9 percent of the power free of charge for 25 years, after which the "
            "plant will be handed over.",
            "Officials said the export deal could earn Nepal 4 billion rupees a year.",
        ],
        "rewrite": [
            (
                "Electricity from the 900 MW Arun-3 plant in eastern Nepal started flowing to "
                "India on Sunday.",
                False,
            ),
            ("India's SJVN built the $1.5bn dam on the Arun river.", False),
            (
                "Under the agreement Nepal receives 21.9% of the output for free, and takes "
                "ownership after 25 years.",
                False,
            ),
            ("Prime Minister Pushpa Kamal Dahal called it a turning point for the economy.", True),
            (
                "Nepal could earn about 4 billion rupees annually from the sales, officials said.",
                False,
            ),
        ],
    },
    {
        "lead": [
            "Egypt's state grain buyer bought 500,000 tonnes of wheat from Russia and Romania in a "
            "direct deal, traders said on Monday.",
            "The purchase comes as the cost of Egypt's bread subsidy has risen with the weaker "
            "pound.",
            "Supply Minister Ali Moselhy said strategic wheat reserves would last until mid-March.",
            "Egypt is one of the world's largest wheat importers.",
        ],
        "rewrite": [
            (
                "Egypt has purchased half a million tonnes of wheat, sourced from Russia and "
                "Romania, in a direct deal, according to traders.",
                False,
            ),
            ("The price was about $270 a tonne including freight, two traders said.", True),
            ("A falling pound has pushed up the bill for the bread subsidy programme.", False),
            ("Reserves are enough until mid-March, Supply Minister Ali Moselhy said.", False),
            ("Egypt ranks among the biggest buyers of wheat worldwide.", False),
        ],
    },
    {
        "lead": [
            "Fiji ordered evacuations from low-lying coastal villages on Vanua Levu as Cyclone "
            "Lola approached with winds of up to 185 km/h, the National Disaster Management Office "
            "said.",
            "Schools were closed and 120 evacuation centres opened across the Northern Division.",
            "Prime Minister Sitiveni Rabuka urged people to follow official advice.",
            "The storm was expected to make landfall late on Tuesday.",
        ],
        "rewrite": [
            (
                "Authorities in Fiji told residents of coastal villages on Vanua Levu to leave as "
                "Cyclone Lola closed in, bringing gusts of 185 km/h.",
                False,
            ),
            (
                "Some 120 evacuation centres were opened and schools shut in the Northern Division.",
                False,
            ),
            ("Rabuka appealed to Fijians to heed warnings.", False),
            (
                "Tonga's meteorological service also issued a warning for its northern islands.",
                True,
            ),
            ("Landfall was expected late on Tuesday.", False),
        ],
    },
    {
        "lead": [
            "Germany will provide 6 billion euros a year in international climate finance by "
            "2025, Chancellor Olaf Scholz told a summit in Berlin.",
            "The money will help poorer countries cut emissions and adapt to floods, droughts and "
            "heat.",
            "Aid groups said the pledge fell short of Germany's fair share.",
        ],
        "rewrite": [
            (
                "Chancellor Olaf Scholz pledged that Germany would give 6 billion euros annually "
                "to climate finance abroad from 2025.",
                False,
            ),
            (
                "Scholz spoke at the Petersberg Climate Dialogue, attended by ministers from 40 "
                "countries.",
                True,
            ),
            (
                "The funds are meant to help developing nations reduce emissions and cope with "
                "floods, drought and heatwaves.",
                False,
            ),
            ("Oxfam said the sum was well below Germany's fair contribution.", True),
        ],
    },
    {
        "lead": [
            "Protesters blocked the main road to the Las Bambas copper mine in southern Peru on "
            "Wednesday, demanding guarantees over water supplies.",
            "The mine, owned by China's MMG, produces about 2% of the world's copper.",
            "Community leader Edison Vargas said the company had ignored complaints for years.",
            "Peru's government sent a delegation to negotiate.",
        ],
        "rewrite": [
            (
                "Residents in southern Peru blockaded the access road to MMG's Las Bambas mine, "
                "saying they feared for their water.",
                False,
            ),
            ("Las Bambas accounts for roughly 2 percent of global copper output.", False),
            ("Police said about 300 people took part in the blockade.", True),
            ('"They have never listened to us," said Edison Vargas, a community leader.', False),
            ("A government delegation was sent to hold talks.", False),
        ],
    },
    {
        "lead": [
            "Jordan will open 40 double-shift schools for Syrian refugee children this term, the "
            "education ministry said on Sunday.",
            "The schools will teach about 50,000 pupils, most of them in Mafraq and Irbid.",
            "The European Union is paying 70 million euros towards teachers' salaries.",
        ],
        "rewrite": [
            (
                "Forty schools running two shifts a day will open in Jordan for Syrian refugee "
                "pupils, the ministry of education announced.",
                False,
            ),
            ("About 50,000 children will attend, mainly in Irbid and Mafraq.", False),
            ("The EU is contributing 70 million euros for teacher pay.", False),
            ("Around 1,000 Jordanian teachers will be hired for the afternoon shifts.", True),
        ],
    },
    {
        "lead": [
            "Deforestation in Brazil's Amazon fell 31% in the 12 months to July to its lowest "
            "level in a decade, the National Institute for Space Research (INPE) said.",
            "About 6,300 square kilometres of forest were cleared, according to the PRODES "
            "satellite monitoring system.",
            "Environment Minister Marina Silva credited stepped-up enforcement by the "
            "environmental agency Ibama.",
        ],
        "rewrite": [
            (
                "Amazon forest loss in Brazil dropped by 31 percent to a ten-year low in the year "
                "through July, data from space agency INPE showed.",
                False,
            ),
            ("Satellites recorded roughly 6,300 sq km of clearing.", False),
            ("Silva said tougher policing by Ibama had driven the fall.", False),
            ("Deforestation in the Cerrado savanna rose 3% over the same period.", True),
        ],
    },
    {
        "lead": [
            "Indonesia opened its first electric vehicle battery plant on Wednesday, a $1.1 "
            "billion joint venture between Hyundai and LG Energy Solution in Karawang, West Java.",
            "The plant will produce batteries for 150,000 cars a year, President Joko Widodo said "
            "at the opening.",
            "Indonesia holds the world's largest nickel reserves and wants to move into making "
            "batteries rather than exporting ore.",
        ],
        "rewrite": [
            (
                "President Joko Widodo inaugurated Indonesia's first EV battery factory in "
                "Karawang, built by Hyundai and LG Energy Solution for $1.1 billion.",
                False,
            ),
            ("The factory can make batteries for 150,000 vehicles annually.", False),
            (
                "Indonesia, which has the largest nickel reserves in the world, has banned exports "
                "of nickel ore since 2020.",
                True,
            ),
            ("Hyundai plans to build electric cars at a nearby plant.", True),
        ],
    },
]

HELD_OUT = [
    {
        "lead": [
            "Congo's health ministry recorded 4,500 suspected mpox cases and 27 deaths in South "
            "Kivu province since September, Health Minister Roger Kamba said.",
            "The clade 1b variant is spreading in displacement camps around Goma and Bukavu.",
            '"We need vaccines now," Kamba told reporters in Kinshasa.',
            "The World Health Organization said it was sending experts to the region.",
        ],
        "rewrite": [
            (
                "Suspected cases of mpox in South Kivu have reached 4,500, with 27 people dead, "
                "according to health minister Roger Kamba.",
                False,
            ),
            (
                "The newer clade 1b strain is circulating in camps for displaced people near "
                "Bukavu and Goma.",
                False,
            ),
            ("Kamba appealed for vaccines to be sent immediately.", False),
            ("Japan has offered 3 million doses of the LC16 vaccine, the ministry said.", True),
            ("A WHO team of experts is travelling to eastern Congo.", False),
            ("Neighbouring Rwanda and Burundi have reported their first cases.", True),
        ],
    },
    {
        "lead": [
            "Sri Lanka will receive a second tranche of $337 million after the IMF's executive "
            "board completed the first review of its $2.9 billion bailout.",
            "Inflation has fallen to 1.3% from a peak of almost 70% in 2022, the central bank "
            "said.",
            "President Ranil Wickremesinghe told parliament the country was no longer bankrupt.",
        ],
        "rewrite": [
            (
                "The International Monetary Fund's board signed off on the first review of Sri "
                "Lanka's $2.9bn programme, releasing $337m.",
                False,
            ),
            (
                "Central bank figures show inflation at 1.3 percent, down from close to 70 percent "
                "two years ago.",
                False,
            ),
            (
                "Wickremesinghe said in parliament that Sri Lanka had emerged from bankruptcy.",
                False,
            ),
            (
                "The IMF urged Colombo to press ahead with tax reforms and restructure $12.5 "
                "billion of bonds.",
                True,
            ),
        ],
    },
    {
        "lead": [
            "A harsh dzud winter has killed 4.7 million head of livestock in Mongolia, the "
            "agriculture ministry said on Friday.",
            "The Red Cross said 190,000 herder households in 21 provinces were affected.",
            "Temperatures fell below minus 40 degrees Celsius in parts of the country.",
        ],
        "rewrite": [
            (
                "Mongolia has lost 4.7 million animals to an extreme winter known as a dzud, "
                "officials said.",
                False,
            ),
            (
                "Some 190,000 herding families across 21 provinces have been hit, the Red Cross "
                "said.",
                False,
            ),
            ("The Red Cross launched an emergency appeal for 2.3 million Swiss francs.", True),
            ("In some areas the thermometer dropped under minus 40C.", False),
        ],
    },
    {
        "lead": [
            "Ghana raised the price it pays cocoa farmers by 58% to 33,120 cedis a tonne for the "
            "2023/24 season, the Ghana Cocoa Board said on Friday.",
            "Chief executive Joseph Aidoo said the increase aimed to curb smuggling to Ivory Coast "
            "and Togo.",
            "Smuggling cost Ghana about 150,000 tonnes of beans last season.",
        ],
        "rewrite": [
            (
                "COCOBOD increased the farmgate price of cocoa by 58 percent to 33,120 cedis per "
                "tonne for the 2023/24 crop.",
                False,
            ),
            (
                "Aidoo said higher prices should discourage farmers from smuggling beans into "
                "neighbouring Togo and Ivory Coast.",
                False,
            ),
            ("About 150,000 tonnes were smuggled out of Ghana last season.", False),
            (
                "Ivory Coast, the top producer, is expected to announce its own price on Monday.",
                True,
            ),
        ],
    },
    {
        "lead": [
            "Yemen has recorded 95,000 suspected cholera cases and 258 deaths since January, the "
            "World Health Organization said on Tuesday.",
            "WHO representative Arturo Pesigan said Hodeidah, Taiz and Sanaa were the worst-hit "
            "governorates.",
            "Forty treatment centres are being reopened.",
        ],
        "rewrite": [
            (
                "The WHO says 258 people have died of cholera in Yemen this year, among 95,000 "
                "suspected cases.",
                False,
            ),
            (
                "The hardest-hit governorates are Sanaa, Taiz and Hodeidah, according to the "
                "WHO's Arturo Pesigan.",
                False,
            ),
            ("The agency is reopening 40 treatment centres.", False),
            ("Rains and damaged water networks have helped the disease spread.", True),
            ("UNICEF is delivering 1.5 million doses of oral vaccine.", True),
        ],
    },
    {
        "lead": [
            "Chile will hand state copper miner Codelco control of future lithium projects in the "
            "Atacama salt flat, President Gabriel Boric said on Thursday.",
            "Private companies will be able to join as minority partners.",
            "Chile holds the world's largest lithium reserves.",
        ],
        "rewrite": [
            (
                "President Gabriel Boric announced that Codelco would take majority stakes in new "
                "lithium mining in the Atacama.",
                False,
            ),
            ("Private firms can participate as junior partners.", False),
            ("Shares of SQM fell 18% in Santiago after the announcement.", True),
            ("Chile has the biggest lithium reserves on the planet.", False),
        ],
    },
    {
        "lead": [
            "Malawi launched a campaign to vaccinate 2.9 million people against cholera in "
            "Lilongwe and Blantyre, with support from the WHO and UNICEF.",
            "The outbreak has killed 118 people since March.",
            "Health Minister Khumbize Chiponda said clean water and sanitation remained the "
            "long-term answer.",
        ],
        "rewrite": [
            (
                "Nearly 2.9 million people in Blantyre and Lilongwe are to receive oral cholera "
                "vaccine, Malawi's health ministry said.",
                False,
            ),
            ("The vaccine came from a global stockpile financed by Gavi.", True),
            ("At least 118 deaths have been recorded.", False),
            (
                "Chiponda said only safe water and sanitation would end cholera for good.",
                False,
            ),
        ],
    },
    {
        "lead": [
            "Work on the Polihali dam, the centrepiece of the second phase of the Lesotho "
            "Highlands Water Project, has passed the halfway mark, the project authority said.",
            "The $2.8 billion project will send water to South Africa's Gauteng province and "
            "generate hydropower for Lesotho.",
        ],
        "rewrite": [
            (
                "Construction of Lesotho's Polihali dam is now more than half complete, the "
                "Lesotho Highlands Development Authority said.",
                False,
            ),
            (
                "The second phase, costing $2.8 billion, will supply Gauteng in South Africa and "
                "produce electricity for Lesotho.",
                False,
            ),
            ("Some 2,000 villagers are being resettled to make way for the reservoir.", True),
        ],
    },
]

# Written after three reading mistakes HELD_OUT showed up had been fixed (a possessive after a
# country of two words, a unit written on a figure, a number in words said before and in digits
# after): measured once, with nothing changed after.
LAST_CHECK = [
    {
        "lead": [
            "Temperatures reached 52 degrees Celsius in Jacobabad in Pakistan's Sindh province on "
            "Sunday, the Pakistan Meteorological Department said.",
            "Hospitals in Karachi treated more than 1,200 people for heatstroke over the weekend.",
            "The provincial government closed schools until the end of the week.",
        ],
        "rewrite": [
            (
                "Jacobabad in Sindh recorded 52C on Sunday, according to the country's weather "
                "office.",
                False,
            ),
            (
                "Over 1,200 heatstroke patients were admitted to Karachi hospitals at the weekend.",
                False,
            ),
            ("At least 23 people have died from the heat, the Edhi Foundation said.", True),
            ("Schools in the province will stay shut for the rest of the week.", False),
            ("Power cuts of up to 12 hours a day have worsened conditions.", True),
        ],
    },
    {
        "lead": [
            "Ethiopia's federal government and leaders from Tigray met in Addis Ababa on Friday "
            "to review a peace deal signed in Pretoria a year ago.",
            "The talks were mediated by the African Union.",
            "Both sides said the disarmament of Tigrayan fighters was largely complete.",
        ],
        "rewrite": [
            (
                "Federal officials and Tigrayan leaders held talks in Addis Ababa to assess the "
                "Pretoria peace agreement one year on.",
                False,
            ),
            ("The African Union brokered the meeting.", False),
            (
                "Tigray's interim leader Getachew Reda said 270,000 people were still displaced.",
                True,
            ),
            ("The two sides agreed that fighters from Tigray had mostly been disarmed.", False),
        ],
    },
    {
        "lead": [
            "Bangladesh raised the minimum wage for garment workers by 56% to 12,500 taka a "
            "month, the labour ministry said on Tuesday.",
            "Unions had demanded 23,000 taka and said the rise did not keep up with inflation.",
            "The garment industry employs about 4 million people and accounts for over 80% of the "
            "country's exports.",
        ],
        "rewrite": [
            (
                "Garment workers in Bangladesh will earn at least 12,500 taka a month, a 56 "
                "percent increase, the government announced.",
                False,
            ),
            (
                "Labour unions, which had sought 23,000 taka, rejected the new wage as too low to "
                "cope with rising prices.",
                False,
            ),
            ("Police fired tear gas at protesting workers in Gazipur on Wednesday.", True),
            (
                "The sector, which has some 4 million workers, earns more than 80 percent of "
                "Bangladesh's export income.",
                False,
            ),
        ],
    },
    {
        "lead": [
            "Typhoon Doksuri slammed into the northern Philippines on Wednesday, killing at least "
            "five people and forcing 12,000 to flee, the disaster agency said.",
            "The storm brought winds of 175 km/h to Cagayan province.",
            "Flights from Manila were cancelled.",
        ],
        "rewrite": [
            (
                "At least five people died and 12,000 fled their homes as Typhoon Doksuri hit the "
                "north of the Philippines, disaster officials said.",
                False,
            ),
            ("Cagayan province was battered by gusts of 175 km/h.", False),
            ("Airlines cancelled dozens of flights out of Manila.", False),
            ("Taiwan ordered schools and offices closed as the storm headed north.", True),
        ],
    },
    {
        "lead": [
            "South Africa's power utility Eskom said it would cut up to 4,000 megawatts from the "
            "grid on Monday as breakdowns at coal plants mounted.",
            "The rolling blackouts, known locally as load-shedding, can last up to 10 hours a day.",
            "Electricity Minister Kgosientsho Ramokgopa said new capacity would come online by "
            "December.",
        ],
        "rewrite": [
            (
                "Eskom will remove as much as 4,000 MW from the grid from Monday after more coal "
                "units broke down.",
                False,
            ),
            ("Load-shedding could leave households without power for 10 hours a day.", False),
            ("Ramokgopa said extra generating capacity would be available by December.", False),
            ("The Johannesburg Stock Exchange's all-share index fell 1.4% on the news.", True),
        ],
    },
    {
        "lead": [
            "Lecturers at Kenya's public universities went on strike on Monday over unpaid "
            "salary arrears, their union said.",
            "The strike leaves about 600,000 students without classes.",
            "The Universities Academic Staff Union said the government owed 7.9 billion shillings.",
        ],
        "rewrite": [
            ("Kenyan university lecturers walked out over salary arrears, the union said.", False),
            ("Some 600,000 students are affected by the walkout.", False),
            ("UASU says the state owes lecturers 7.9 billion shillings.", False),
            ("Education Cabinet Secretary Ezekiel Machogu called the strike illegal.", True),
        ],
    },
]
