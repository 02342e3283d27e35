"""Hand-curated country facts used by convert_phoenix_countries.py.

One line per country: ``CODE | names | adjectives | people | seats`` (lists separated by ``;``).
The first name is the canonical one. Codes are ISO 3166-1 alpha-3 except Kosovo, which uses the
CAMEO/Phoenix code KSV (ISO's user-assigned XKX is listed as a note in SOURCES-actors.md).

Territories (``TERRITORIES``) qualify a country's actors but are places alone: Gaza and the West Bank are
Palestine (PSE), so "Gaza's health ministry" is PSE, not ISR, while "strikes on Gaza" keeps Gaza a place.
The Kurdistan Regional Government is IRQGOV (as its leaders are in people.yaml). "Congo" alone is listed under COG as Phoenix has it; the article decides between COD and COG
(eventwire.actors.context, data/actor_context.yaml).

Deliberately left out (ambiguous or colliding with ordinary words): "Korean" (KOR or PRK), "Jersey"
(New Jersey), "Male" (capital of the Maldives), "Victoria" (Seychelles), "Brussels" (usually the EU when
acting), "Jerusalem" (contested seat), "Georgetown", "Hamilton", "Persian" (Persian Gulf).
"""

COUNTRY_TABLE = """
ABW | Aruba | Aruban | Arubans |
AFG | Afghanistan | Afghan | Afghans | Kabul
AGO | Angola | Angolan | Angolans | Luanda
AIA | Anguilla | Anguillan | Anguillans |
ALA | Aland Islands;Åland Islands;Åland | | |
ALB | Albania;Republic of Albania | Albanian | Albanians | Tirana;Tirane
AND | Andorra;Principality of Andorra | Andorran | Andorrans | Andorra la Vella
ARE | United Arab Emirates;UAE;U.A.E.;the Emirates | Emirati | Emiratis | Abu Dhabi
ARG | Argentina;Argentine Republic | Argentine;Argentinian;Argentinean | Argentines;Argentinians;Argentineans | Buenos Aires;Casa Rosada
ARM | Armenia;Republic of Armenia | Armenian | Armenians | Yerevan
ASM | American Samoa | American Samoan | American Samoans |
ATA | Antarctica | Antarctic | |
ATF | French Southern Territories;French Southern and Antarctic Lands | | |
ATG | Antigua and Barbuda;Antigua | Antiguan | Antiguans | St. John's
AUS | Australia;Commonwealth of Australia | Australian | Australians | Canberra
AUT | Austria;Republic of Austria | Austrian | Austrians | Vienna
AZE | Azerbaijan;Republic of Azerbaijan | Azerbaijani;Azeri | Azerbaijanis;Azeris | Baku
BDI | Burundi;Republic of Burundi | Burundian | Burundians | Gitega;Bujumbura
BEL | Belgium;Kingdom of Belgium | Belgian | Belgians |
BEN | Benin;Republic of Benin | Beninese | | Porto-Novo;Cotonou
BES | Bonaire, Sint Eustatius and Saba;Caribbean Netherlands;Bonaire | | |
BFA | Burkina Faso;Burkina | Burkinabe;Burkinabé | | Ouagadougou
BGD | Bangladesh;People's Republic of Bangladesh | Bangladeshi | Bangladeshis | Dhaka
BGR | Bulgaria;Republic of Bulgaria | Bulgarian | Bulgarians | Sofia
BHR | Bahrain;Kingdom of Bahrain | Bahraini | Bahrainis | Manama
BHS | Bahamas;the Bahamas;Commonwealth of the Bahamas | Bahamian | Bahamians | Nassau
BIH | Bosnia and Herzegovina;Bosnia-Herzegovina;Bosnia | Bosnian | Bosnians | Sarajevo
BLM | Saint Barthelemy;Saint Barthélemy;St. Barts | | |
BLR | Belarus;Republic of Belarus | Belarusian;Belarussian | Belarusians | Minsk
BLZ | Belize | Belizean | Belizeans | Belmopan
BMU | Bermuda | Bermudian | Bermudians |
BOL | Bolivia;Plurinational State of Bolivia | Bolivian | Bolivians | La Paz;Sucre
BRA | Brazil;Federative Republic of Brazil | Brazilian | Brazilians | Brasilia;Brasília;Planalto Palace
BRB | Barbados | Barbadian | Barbadians | Bridgetown
BRN | Brunei;Brunei Darussalam | Bruneian | Bruneians | Bandar Seri Begawan
BTN | Bhutan;Kingdom of Bhutan | Bhutanese | | Thimphu
BVT | Bouvet Island | | |
BWA | Botswana;Republic of Botswana | Botswanan | | Gaborone
CAF | Central African Republic;CAR | Central African | Central Africans | Bangui
CAN | Canada | Canadian | Canadians | Ottawa
CCK | Cocos (Keeling) Islands;Cocos Islands;Keeling Islands | | |
CHE | Switzerland;Swiss Confederation | Swiss | | Bern;Berne
CHL | Chile;Republic of Chile | Chilean | Chileans | Santiago;La Moneda
CHN | China;People's Republic of China;PRC;P.R.C.;mainland China | Chinese | | Beijing;Peking;Zhongnanhai
CIV | Ivory Coast;Cote d'Ivoire;Côte d'Ivoire;Republic of Cote d'Ivoire | Ivorian | Ivorians | Yamoussoukro;Abidjan
CMR | Cameroon;Republic of Cameroon | Cameroonian | Cameroonians | Yaounde;Yaoundé
COD | Democratic Republic of the Congo;Democratic Republic of Congo;DR Congo;DRC;D.R.C.;Congo-Kinshasa;Zaire | Congolese | | Kinshasa
COG | Republic of the Congo;Republic of Congo;Congo-Brazzaville;Congo | | | Brazzaville
COK | Cook Islands | Cook Islander | Cook Islanders |
COL | Colombia;Republic of Colombia | Colombian | Colombians | Bogota;Bogotá
COM | Comoros;Union of the Comoros | Comoran;Comorian | Comorans;Comorians | Moroni
CPV | Cape Verde;Cabo Verde;Republic of Cabo Verde | Cape Verdean;Cabo Verdean | Cape Verdeans | Praia
CRI | Costa Rica;Republic of Costa Rica | Costa Rican | Costa Ricans | San Jose;San José
CUB | Cuba;Republic of Cuba | Cuban | Cubans | Havana
CUW | Curacao;Curaçao | Curacaoan | |
CXR | Christmas Island | | |
CYM | Cayman Islands;the Caymans | Caymanian | Caymanians |
CYP | Cyprus;Republic of Cyprus | Cypriot | Cypriots | Nicosia
CZE | Czech Republic;Czechia | Czech | Czechs | Prague
DEU | Germany;Federal Republic of Germany | German | Germans | Berlin
DJI | Djibouti;Republic of Djibouti | Djiboutian | Djiboutians |
DMA | Dominica;Commonwealth of Dominica | | | Roseau
DNK | Denmark;Kingdom of Denmark | Danish | Danes | Copenhagen
DOM | Dominican Republic | Dominican | Dominicans | Santo Domingo
DZA | Algeria;People's Democratic Republic of Algeria | Algerian | Algerians | Algiers
ECU | Ecuador;Republic of Ecuador | Ecuadorian;Ecuadorean | Ecuadorians;Ecuadoreans | Quito
EGY | Egypt;Arab Republic of Egypt | Egyptian | Egyptians | Cairo
ERI | Eritrea;State of Eritrea | Eritrean | Eritreans | Asmara
ESH | Western Sahara | Sahrawi;Sahrawian | Sahrawis | Laayoune;El Aaiun
ESP | Spain;Kingdom of Spain | Spanish | Spaniards | Madrid;Moncloa Palace
EST | Estonia;Republic of Estonia | Estonian | Estonians | Tallinn
ETH | Ethiopia;Federal Democratic Republic of Ethiopia | Ethiopian | Ethiopians | Addis Ababa
FIN | Finland;Republic of Finland | Finnish | Finns | Helsinki
FJI | Fiji;Republic of Fiji | Fijian | Fijians | Suva
FLK | Falkland Islands;Falklands;Malvinas | Falkland Islander | Falkland Islanders |
FRA | France;French Republic | French | Frenchmen | Paris;Elysee;Élysée;Elysee Palace;Élysée Palace;Quai d'Orsay;Matignon
FRO | Faroe Islands;Faroes;Faeroe Islands | Faroese | |
FSM | Micronesia;Federated States of Micronesia | Micronesian | Micronesians | Palikir
GAB | Gabon;Gabonese Republic | Gabonese | | Libreville
GBR | United Kingdom;UK;U.K.;Britain;Great Britain;United Kingdom of Great Britain and Northern Ireland | British | Britons;Brits | London;Downing Street;Number 10;No. 10;Whitehall
GEO | Georgia;Republic of Georgia | Georgian | Georgians | Tbilisi
GGY | Guernsey;Bailiwick of Guernsey | | |
GHA | Ghana;Republic of Ghana | Ghanaian | Ghanaians | Accra
GIB | Gibraltar | Gibraltarian | Gibraltarians |
GIN | Guinea;Republic of Guinea;Guinea-Conakry | Guinean | Guineans | Conakry
GLP | Guadeloupe | Guadeloupean | Guadeloupeans |
GMB | Gambia;the Gambia;Republic of the Gambia | Gambian | Gambians | Banjul
GNB | Guinea-Bissau;Guinea Bissau;Republic of Guinea-Bissau | Bissau-Guinean | Bissau-Guineans | Bissau
GNQ | Equatorial Guinea;Republic of Equatorial Guinea | Equatorial Guinean;Equatoguinean | Equatorial Guineans | Malabo
GRC | Greece;Hellenic Republic | Greek | Greeks | Athens
GRD | Grenada | Grenadian | Grenadians | St. George's
GRL | Greenland | Greenlandic | Greenlanders | Nuuk
GTM | Guatemala;Republic of Guatemala | Guatemalan | Guatemalans | Guatemala City
GUF | French Guiana | French Guianese | |
GUM | Guam | Guamanian | Guamanians |
GUY | Guyana;Co-operative Republic of Guyana | Guyanese | |
HKG | Hong Kong;Hong Kong SAR | Hong Konger | Hong Kongers |
HMD | Heard Island and McDonald Islands | | |
HND | Honduras;Republic of Honduras | Honduran | Hondurans | Tegucigalpa
HRV | Croatia;Republic of Croatia | Croatian;Croat | Croatians;Croats | Zagreb
HTI | Haiti;Republic of Haiti | Haitian | Haitians | Port-au-Prince
HUN | Hungary | Hungarian | Hungarians | Budapest
IDN | Indonesia;Republic of Indonesia | Indonesian | Indonesians | Jakarta
IMN | Isle of Man | Manx | |
IND | India;Republic of India | Indian | Indians | New Delhi
IOT | British Indian Ocean Territory;Chagos Archipelago;Chagos Islands | | |
IRL | Ireland;Republic of Ireland;Eire | Irish | Irishmen | Dublin
IRN | Iran;Islamic Republic of Iran | Iranian | Iranians | Tehran;Teheran
IRQ | Iraq;Republic of Iraq | Iraqi | Iraqis | Baghdad
ISL | Iceland | Icelandic | Icelanders | Reykjavik;Reykjavík
ISR | Israel;State of Israel | Israeli | Israelis |
ITA | Italy;Italian Republic | Italian | Italians | Rome;Palazzo Chigi
JAM | Jamaica | Jamaican | Jamaicans | Kingston
JEY | Bailiwick of Jersey | | |
JOR | Jordan;Hashemite Kingdom of Jordan | Jordanian | Jordanians | Amman
JPN | Japan | Japanese | | Tokyo
KAZ | Kazakhstan;Republic of Kazakhstan | Kazakh;Kazakhstani | Kazakhs;Kazakhstanis | Astana;Nur-Sultan
KEN | Kenya;Republic of Kenya | Kenyan | Kenyans | Nairobi
KGZ | Kyrgyzstan;Kyrgyz Republic;Kirghizia | Kyrgyz;Kyrgyzstani | Kyrgyzstanis | Bishkek
KHM | Cambodia;Kingdom of Cambodia | Cambodian | Cambodians | Phnom Penh
KIR | Kiribati | I-Kiribati | | Tarawa
KNA | Saint Kitts and Nevis;St. Kitts and Nevis;St Kitts and Nevis | Kittitian | Kittitians | Basseterre
KOR | South Korea;Republic of Korea;ROK | South Korean | South Koreans | Seoul;Blue House;Cheong Wa Dae
KSV | Kosovo;Republic of Kosovo | Kosovar;Kosovan | Kosovars | Pristina;Prishtina
KWT | Kuwait;State of Kuwait | Kuwaiti | Kuwaitis | Kuwait City
LAO | Laos;Lao People's Democratic Republic;Lao PDR | Laotian;Lao | Laotians | Vientiane
LBN | Lebanon;Lebanese Republic | Lebanese | | Beirut;Baabda
LBR | Liberia;Republic of Liberia | Liberian | Liberians | Monrovia
LBY | Libya;State of Libya | Libyan | Libyans | Tripoli
LCA | Saint Lucia;St. Lucia;St Lucia | Saint Lucian | Saint Lucians | Castries
LIE | Liechtenstein;Principality of Liechtenstein | Liechtensteiner | Liechtensteiners | Vaduz
LKA | Sri Lanka;Democratic Socialist Republic of Sri Lanka;Ceylon | Sri Lankan | Sri Lankans | Colombo
LSO | Lesotho;Kingdom of Lesotho | Basotho;Mosotho | | Maseru
LTU | Lithuania;Republic of Lithuania | Lithuanian | Lithuanians | Vilnius
LUX | Luxembourg;Grand Duchy of Luxembourg | Luxembourgish;Luxembourger | Luxembourgers |
LVA | Latvia;Republic of Latvia | Latvian | Latvians | Riga
MAC | Macao;Macau | Macanese | |
MAF | Saint Martin;St. Martin | | |
MAR | Morocco;Kingdom of Morocco | Moroccan | Moroccans | Rabat
MCO | Monaco;Principality of Monaco | Monegasque | Monegasques |
MDA | Moldova;Republic of Moldova | Moldovan | Moldovans | Chisinau;Chișinău
MDG | Madagascar;Republic of Madagascar | Malagasy | | Antananarivo
MDV | Maldives;Republic of Maldives | Maldivian | Maldivians |
MEX | Mexico;United Mexican States | Mexican | Mexicans | Mexico City;Los Pinos
MHL | Marshall Islands;Republic of the Marshall Islands | Marshallese | | Majuro
MKD | North Macedonia;Macedonia;Republic of North Macedonia | Macedonian | Macedonians | Skopje
MLI | Mali;Republic of Mali | Malian | Malians | Bamako
MLT | Malta;Republic of Malta | Maltese | | Valletta
MMR | Myanmar;Burma;Republic of the Union of Myanmar | Burmese;Myanmarese | | Naypyidaw;Naypyitaw;Nay Pyi Taw;Rangoon;Yangon
MNE | Montenegro | Montenegrin | Montenegrins | Podgorica
MNG | Mongolia | Mongolian | Mongolians | Ulaanbaatar;Ulan Bator
MNP | Northern Mariana Islands;Northern Marianas | | |
MOZ | Mozambique;Republic of Mozambique | Mozambican | Mozambicans | Maputo
MRT | Mauritania;Islamic Republic of Mauritania | Mauritanian | Mauritanians | Nouakchott
MSR | Montserrat | Montserratian | |
MTQ | Martinique | Martinican | |
MUS | Mauritius;Republic of Mauritius | Mauritian | Mauritians | Port Louis
MWI | Malawi;Republic of Malawi | Malawian | Malawians | Lilongwe
MYS | Malaysia | Malaysian | Malaysians | Kuala Lumpur;Putrajaya
MYT | Mayotte | Mahoran | |
NAM | Namibia;Republic of Namibia | Namibian | Namibians | Windhoek
NCL | New Caledonia | New Caledonian | New Caledonians |
NER | Niger;Republic of the Niger;Republic of Niger | Nigerien | Nigeriens | Niamey
NFK | Norfolk Island | | |
NGA | Nigeria;Federal Republic of Nigeria | Nigerian | Nigerians | Abuja
NIC | Nicaragua;Republic of Nicaragua | Nicaraguan | Nicaraguans | Managua
NIU | Niue | Niuean | |
NLD | Netherlands;the Netherlands;Kingdom of the Netherlands;Holland | Dutch | Dutchmen | The Hague;Amsterdam
NOR | Norway;Kingdom of Norway | Norwegian | Norwegians | Oslo
NPL | Nepal;Federal Democratic Republic of Nepal | Nepali;Nepalese | Nepalis | Kathmandu
NRU | Nauru;Republic of Nauru | Nauruan | Nauruans | Yaren
NZL | New Zealand;Aotearoa | | New Zealanders;Kiwis | Wellington
OMN | Oman;Sultanate of Oman | Omani | Omanis | Muscat
PAK | Pakistan;Islamic Republic of Pakistan | Pakistani | Pakistanis | Islamabad
PAN | Panama;Republic of Panama | Panamanian | Panamanians | Panama City
PCN | Pitcairn;Pitcairn Islands | | |
PER | Peru;Republic of Peru | Peruvian | Peruvians | Lima
PHL | Philippines;the Philippines;Republic of the Philippines | Philippine;Filipino | Filipinos | Manila;Malacanang;Malacañang
PLW | Palau;Republic of Palau | Palauan | Palauans | Ngerulmud
PNG | Papua New Guinea;Independent State of Papua New Guinea | Papua New Guinean | Papua New Guineans | Port Moresby
POL | Poland;Republic of Poland | Polish | Poles | Warsaw
PRI | Puerto Rico | Puerto Rican | Puerto Ricans | San Juan
PRK | North Korea;DPRK;D.P.R.K.;Democratic People's Republic of Korea | North Korean | North Koreans | Pyongyang
PRT | Portugal;Portuguese Republic | Portuguese | | Lisbon
PRY | Paraguay;Republic of Paraguay | Paraguayan | Paraguayans | Asuncion;Asunción
PSE | Palestine;State of Palestine;Palestinian territories;occupied Palestinian territories | Palestinian | Palestinians | Ramallah
PYF | French Polynesia | French Polynesian | French Polynesians |
QAT | Qatar;State of Qatar | Qatari | Qataris | Doha
REU | Reunion Island;Réunion;La Reunion | Reunionese | |
ROU | Romania | Romanian | Romanians | Bucharest
RUS | Russia;Russian Federation | Russian | Russians | Moscow;Kremlin
RWA | Rwanda;Republic of Rwanda | Rwandan | Rwandans | Kigali
SAU | Saudi Arabia;Kingdom of Saudi Arabia;KSA | Saudi;Saudi Arabian | Saudis | Riyadh
SDN | Sudan;Republic of the Sudan;Republic of Sudan | Sudanese | | Khartoum
SEN | Senegal;Republic of Senegal | Senegalese | | Dakar
SGP | Singapore;Republic of Singapore | Singaporean | Singaporeans |
SGS | South Georgia and the South Sandwich Islands | | |
SHN | Saint Helena, Ascension and Tristan da Cunha;Saint Helena;St. Helena | | |
SJM | Svalbard and Jan Mayen;Svalbard | | |
SLB | Solomon Islands | Solomon Islander | Solomon Islanders | Honiara
SLE | Sierra Leone;Republic of Sierra Leone | Sierra Leonean | Sierra Leoneans | Freetown
SLV | El Salvador;Republic of El Salvador | Salvadoran;Salvadorean | Salvadorans | San Salvador
SMR | San Marino;Republic of San Marino | Sammarinese | |
SOM | Somalia;Federal Republic of Somalia | Somali | Somalis | Mogadishu;Villa Somalia
SPM | Saint Pierre and Miquelon | | |
SRB | Serbia;Republic of Serbia | Serbian;Serb | Serbians;Serbs | Belgrade
SSD | South Sudan;Republic of South Sudan | South Sudanese | | Juba
STP | Sao Tome and Principe;São Tomé and Príncipe | Santomean | | Sao Tome;São Tomé
SUR | Suriname;Surinam;Republic of Suriname | Surinamese | | Paramaribo
SVK | Slovakia;Slovak Republic | Slovak;Slovakian | Slovaks | Bratislava
SVN | Slovenia;Republic of Slovenia | Slovenian;Slovene | Slovenians;Slovenes | Ljubljana
SWE | Sweden;Kingdom of Sweden | Swedish | Swedes | Stockholm
SWZ | Eswatini;Swaziland;Kingdom of Eswatini | Swazi;Liswati | Swazis | Mbabane;Lobamba
SXM | Sint Maarten | | |
SYC | Seychelles;Republic of Seychelles | Seychellois | |
SYR | Syria;Syrian Arab Republic | Syrian | Syrians | Damascus
TCA | Turks and Caicos Islands;Turks and Caicos | | |
TCD | Chad;Republic of Chad | Chadian | Chadians | N'Djamena;Ndjamena
TGO | Togo;Togolese Republic | Togolese | | Lome;Lomé
THA | Thailand;Kingdom of Thailand;Siam | Thai | Thais | Bangkok
TJK | Tajikistan;Republic of Tajikistan | Tajik;Tajikistani | Tajiks | Dushanbe
TKL | Tokelau | Tokelauan | |
TKM | Turkmenistan | Turkmen | | Ashgabat
TLS | East Timor;Timor-Leste;Democratic Republic of Timor-Leste | East Timorese;Timorese | | Dili
TON | Tonga;Kingdom of Tonga | Tongan | Tongans | Nuku'alofa
TTO | Trinidad and Tobago;Trinidad | Trinidadian;Tobagonian | Trinidadians | Port of Spain
TUN | Tunisia;Tunisian Republic | Tunisian | Tunisians | Tunis;Carthage Palace
TUR | Turkey;Türkiye;Turkiye;Republic of Turkey | Turkish | Turks | Ankara
TUV | Tuvalu | Tuvaluan | Tuvaluans | Funafuti
TWN | Taiwan;Republic of China;ROC | Taiwanese | | Taipei
TZA | Tanzania;United Republic of Tanzania | Tanzanian | Tanzanians | Dodoma;Dar es Salaam
UGA | Uganda;Republic of Uganda | Ugandan | Ugandans | Kampala
UKR | Ukraine | Ukrainian | Ukrainians | Kyiv;Kiev
UMI | United States Minor Outlying Islands | | |
URY | Uruguay;Oriental Republic of Uruguay | Uruguayan | Uruguayans | Montevideo
USA | United States;United States of America;US;U.S.;USA;U.S.A.;America | American | Americans | Washington;White House;Oval Office;Foggy Bottom
UZB | Uzbekistan;Republic of Uzbekistan | Uzbek;Uzbekistani | Uzbeks | Tashkent
VAT | Vatican;Holy See;Vatican City;Vatican City State | | |
VCT | Saint Vincent and the Grenadines;St. Vincent and the Grenadines;St Vincent | Vincentian | Vincentians | Kingstown
VEN | Venezuela;Bolivarian Republic of Venezuela | Venezuelan | Venezuelans | Caracas;Miraflores Palace
VGB | British Virgin Islands;Virgin Islands, British | | |
VIR | US Virgin Islands;U.S. Virgin Islands;United States Virgin Islands;Virgin Islands, U.S. | | |
VNM | Vietnam;Viet Nam;Socialist Republic of Vietnam | Vietnamese | | Hanoi
VUT | Vanuatu;Republic of Vanuatu | Ni-Vanuatu | | Port Vila
WLF | Wallis and Futuna | | |
WSM | Samoa;Independent State of Samoa | Samoan | Samoans | Apia
YEM | Yemen;Republic of Yemen | Yemeni | Yemenis | Sanaa;Sana'a
ZAF | South Africa;Republic of South Africa;RSA | South African | South Africans | Pretoria;Union Buildings
ZMB | Zambia;Republic of Zambia | Zambian | Zambians | Lusaka
ZWE | Zimbabwe;Republic of Zimbabwe | Zimbabwean | Zimbabweans | Harare
"""

# National institutions: (country, code, names). Codes are country + one sector.
NATIONAL_ORGS = """
USA | USALEG | US Congress;U.S. Congress;United States Congress;Capitol Hill;US Senate;U.S. Senate;US House;U.S. House
USA | USAMIL | Pentagon;Department of Defense;Defense Department;US military;U.S. military;US Army;U.S. Army;US Navy;U.S. Navy;US Air Force;U.S. Air Force;US Marines;U.S. Marines;Joint Chiefs of Staff;Central Command;CENTCOM;US Central Command;U.S. Central Command;US forces;U.S. forces;DoD;Department of War
USA | USAGOV | State Department;US State Department;U.S. State Department;Department of State;US administration;U.S. administration;Trump administration;Biden administration;Obama administration;Treasury Department;US Treasury;U.S. Treasury;National Security Council
USA | USASPY | CIA;Central Intelligence Agency;National Security Agency;Defense Intelligence Agency;Office of the Director of National Intelligence
USA | USACOP | FBI;Federal Bureau of Investigation;Drug Enforcement Administration;DEA
USA | USAJUD | Supreme Court of the United States;US Supreme Court;U.S. Supreme Court;SCOTUS;Justice Department;Department of Justice
IRN | IRNMIL | IRGC;Islamic Revolutionary Guard Corps;Islamic Revolutionary Guards Corps;Revolutionary Guard;Revolutionary Guards;Revolutionary Guard Corps;Revolutionary Guards Corps;Quds Force;Qods Force;Basij;Artesh
IRN | IRNLEG | Majlis;Islamic Consultative Assembly
IRN | IRNGOV | Guardian Council;Council of Guardians;Expediency Council;Assembly of Experts;Supreme National Security Council
IRQ | IRQMIL | Iraqi Army;Counter Terrorism Service
IRQ | IRQLEG | Council of Representatives of Iraq
IRQ | IRQGOV | Kurdistan Regional Government;KRG
ISR | ISRLEG | Knesset
ISR | ISRMIL | IDF;Israel Defense Forces;Israeli Defense Forces;Israel Defence Forces;Israeli army
ISR | ISRSPY | Mossad;Shin Bet;Shabak
RUS | RUSLEG | Duma;State Duma;Federation Council;Federal Assembly of Russia
RUS | RUSSPY | FSB;Federal Security Service;GRU;SVR
RUS | RUSMIL | Russian Armed Forces;Russian Defence Ministry;Russian Defense Ministry
GBR | GBRLEG | House of Commons;House of Lords;Westminster
GBR | GBRSPY | MI6;MI5;GCHQ;Secret Intelligence Service
GBR | GBRCOP | Scotland Yard;Metropolitan Police
GBR | GBRGOV | Foreign Office;Foreign and Commonwealth Office;Home Office
GBR | GBRMIL | Ministry of Defence;British Army;Royal Navy;Royal Air Force;RAF
CHN | CHNMIL | People's Liberation Army;PLA;Central Military Commission
CHN | CHNLEG | National People's Congress
CHN | CHNGOV | Communist Party of China;Chinese Communist Party;CCP
PRK | PRKMIL | Korean People's Army;KPA
PRK | PRKGOV | Workers' Party of Korea
JPN | JPNLEG | National Diet
JPN | JPNMIL | Self-Defense Forces;Japan Self-Defense Forces;Self Defense Forces
DEU | DEULEG | Bundestag;Bundesrat
DEU | DEUMIL | Bundeswehr
FRA | FRALEG | French National Assembly;French Senate
IND | INDLEG | Lok Sabha;Rajya Sabha
IND | INDSPY | Research and Analysis Wing
PAK | PAKSPY | ISI;Inter-Services Intelligence
PAK | PAKMIL | Pakistan Army;Pakistani Army
TUR | TURLEG | Grand National Assembly;Grand National Assembly of Turkey
TUR | TURSPY | National Intelligence Organization
UKR | UKRLEG | Verkhovna Rada
UKR | UKRSPY | SBU;Security Service of Ukraine
AFG | AFGMIL | Afghan National Army;Afghan National Security Forces;ANSF
SYR | SYRMIL | Syrian Arab Army
EGY | EGYLEG | Egyptian House of Representatives
PSE | PSEGOV | Palestinian Authority;Palestinian National Authority
KOR | KORSPY | National Intelligence Service
ISR | ISRGOV | Israeli Cabinet
"""


# Territories: CODE | names (see the module docstring).
TERRITORIES = """
IRQ | Kurdistan Region;Iraqi Kurdistan;Kurdistan Region of Iraq
PSE | Gaza;Gaza Strip;West Bank;occupied West Bank
"""
