"""Hand-curated role nouns used by convert_phoenix_agents.py.

``CODE | name | synonyms`` (synonyms separated by ``;``). Decisions (see SOURCES-actors.md):
- "security forces" -> COP (Phoenix lists SECURITY_FORCE under both COP and MIL; internal security
  forces are coded as police, the army as MIL);
- insurgents, rebels, separatists, guerrillas -> REB (Phoenix has no INS);
- militants, gunmen, militias, armed men, fighters -> UAF (Phoenix convention);
- protesters, demonstrators, activists, dissidents -> OPP (Phoenix convention);
- spokesman/spokeswoman/spokesperson -> GOV (Phoenix says MED, which mis-codes every government spokesman;
  "military spokesman" still gives MIL because a more specific role noun wins over GOV);
- people, civilians, residents, villagers, crowds -> CVL.
"""

AGENT_TABLE = """
GOV | government | govt;regime;administration;authorities;authority
GOV | cabinet | council of ministers
GOV | president | vice president;vice-president;presidency;head of state;presidential aide
GOV | prime minister | premier;PM;deputy prime minister;head of government;chancellor;vice chancellor
GOV | minister | ministry;cabinet minister;state minister;deputy minister;junior minister
GOV | foreign minister | foreign ministry;minister of foreign affairs;ministry of foreign affairs;foreign secretary;secretary of state;foreign affairs minister
GOV | defence minister | defense minister;minister of defence;minister of defense;defense secretary;defence secretary;secretary of defense;defence ministry;defense ministry;ministry of defence;ministry of defense
GOV | interior minister | interior ministry;minister of interior;minister of the interior;home secretary;home minister;interior secretary
GOV | finance minister | finance ministry;treasury secretary;minister of finance;chancellor of the exchequer
GOV | official | officials;government official;senior official;state official;administration official;top official
GOV | spokesman | spokeswoman;spokesperson;government spokesman;press secretary
GOV | ambassador | envoy;special envoy;emissary;charge d'affaires;consul;consul general;high commissioner
GOV | diplomat | diplomatic corps;diplomacy;embassy;consulate;legation;foreign service
GOV | king | queen;monarch;emir;sultan;crown prince;royal family;sheikh;prince;monarchy
GOV | governor | provincial governor;state governor;provincial government;regional government;local government;local authorities
GOV | mayor | city council;municipality;city hall;town council;municipal authorities
GOV | leader | supreme leader;chief;leadership
GOV | secretary | secretary-general;secretary general;undersecretary;under secretary;assistant secretary;permanent secretary
GOV | negotiator | chief negotiator;delegation;delegate;negotiating team
GOV | adviser | advisor;national security adviser;national security advisor;aide;counsellor;counselor
GOV | state media | state television;state tv;state-run media;state news agency;official news agency;state broadcaster
GOV | junta | military junta;military government;ruling council;transitional council;transitional government
GOV | dictator | strongman;autocrat
GOV | vice premier | deputy premier
GOV | bureaucrat | civil servant;civil service;public servant
GOV | customs | customs officials;border agency;immigration authorities
MIL | military | armed forces;army;armies;defence forces;defense forces;national army;national guard;military forces
MIL | troops | troop;soldier;soldiers;servicemen;servicemembers;service members;servicewomen;infantry;paratroopers;paratrooper;commandos;commando;special forces
MIL | forces | ground forces;government forces;government troops;coalition forces;allied forces
MIL | navy | naval forces;warship;warships;naval vessel;destroyer;frigate;submarine;coast guard;fleet;sailors;sailor;marines;marine;marine corps
MIL | air force | air forces;warplane;warplanes;fighter jet;fighter jets;jets;fighter planes;bomber;bombers;helicopter gunship;gunships;air defence;air defense;air defences;air defenses;drone;drones;military aircraft
MIL | general | generals;lieutenant general;major general;brigadier general;brigadier;colonel;lieutenant colonel;major;captain;lieutenant;admiral;rear admiral;vice admiral;field marshal;marshal
MIL | commander | commanders;military commander;army commander;commander-in-chief;commander in chief;chief of staff;chief of the general staff;general staff;army chief;military chief
MIL | officer | officers;military officer;army officer;military official;military officials;defence official;defense official;pentagon official
MIL | military spokesman | army spokesman;military spokeswoman
MIL | artillery | armored vehicles;armoured vehicles;missile battery;rocket forces;missile forces;strategic forces
MIL | peacekeepers | peacekeeper;peacekeeping force;peacekeeping forces;peacekeeping troops;peacekeeping mission
MIL | garrison | battalion;brigade;regiment;platoon;squadron;battalions;brigades
MIL | reservists | reservist;conscripts;conscript;recruits
MIL | militarymen | military personnel;army personnel
MIL | defence establishment | defense establishment;military establishment;security establishment
COP | police | policeman;policemen;policewoman;police officer;police officers;cop;cops;police force;riot police;traffic police;border police;police chief;police commissioner;constable;gendarmes;gendarmerie;gendarme
COP | security forces | security force;security personnel;security officers;security officer;security officials;security official;security services;security agencies;security guards;guards;border guards;border guard
COP | law enforcement | law enforcement officers;law enforcement agencies;investigators;investigator;detectives;detective;interpol
COP | prison guards | prison officials;prison authorities;jailers;jailer;wardens;warden
JUD | court | courts;supreme court;high court;constitutional court;appeals court;court of appeal;tribunal;military court;judiciary;judicial authorities
JUD | judge | judges;magistrate;magistrates;chief justice
JUD | prosecutor | prosecutors;public prosecutor;attorney general;attorney-general;prosecutor general;prosecution;state prosecutor
JUD | lawyer | lawyers;attorney;attorneys;defence lawyer;defense lawyer;barrister;solicitor;legal team
LEG | parliament | parliaments;legislature;legislative assembly;national assembly;congress;senate;lower house;upper house;house of representatives
LEG | lawmaker | lawmakers;legislator;legislators;parliamentarian;parliamentarians;member of parliament;members of parliament;MP;MPs;deputies;senator;senators;congressman;congressmen;congresswoman
LEG | speaker | parliament speaker;speaker of parliament;speaker of the house
LEG | committee | parliamentary committee;congressional committee;senate committee
OPP | opposition | opposition party;opposition parties;opposition leader;opposition figure;opposition groups;opposition group;opposition coalition
OPP | protesters | protester;protestors;protestor;demonstrators;demonstrator;marchers;rioters;rioter;protest movement;crowd of protesters
OPP | activists | activist;dissident;dissidents;campaigners;campaigner;pro-democracy activists
OPP | exiles | exile;government in exile;exiled leader
REB | rebels | rebel;rebel forces;rebel fighters;rebel group;rebel groups;rebel leader;rebel commander;rebellion
REB | insurgents | insurgent;insurgent groups;insurgent group;insurgency
REB | separatists | separatist;secessionists;secessionist;separatist rebels;separatist forces;separatist groups
REB | guerrillas | guerrilla;guerillas;guerilla;guerrilla fighters;partisans
UAF | militants | militant;militant group;militant groups;extremists;extremist;jihadists;jihadist;jihadis;islamists;islamist fighters
UAF | gunmen | gunman;armed men;armed man;assailants;assailant;attackers;attacker;shooter;shooters;armed groups;armed group
UAF | militia | militias;militiamen;militiaman;militia fighters;paramilitaries;paramilitary;paramilitary forces;vigilantes
UAF | fighters | fighter;combatants;combatant;mercenaries;mercenary;foreign fighters
UAF | terrorists | terrorist;terrorist group;terrorist groups;terrorist organization;terror group;suicide bomber;suicide bombers;bomber squad
PTY | party | political party;political parties;ruling party;party members;party leader;party officials;party official;party chief;party chairman;coalition partner
MED | journalists | journalist;reporter;reporters;correspondent;correspondents;media;newspaper;newspapers;news agency;broadcaster;editor;editors;tv station;radio station;photographer;cameraman;bloggers;blogger
EDU | students | student;university;universities;college;academics;academic;professor;professors;teachers;teacher;scholars;scholar;pupils;schoolchildren
BUS | company | companies;firm;firms;corporation;corporations;businesses;businessman;businessmen;businesswoman;businesspeople;executives;chief executive;investors;investor;oil company;traders;trader;merchants;shopkeepers;employers
CVL | civilians | civilian;residents;resident;villagers;villager;people;citizens;citizen;locals;inhabitants;population;public;crowd;crowds;passers-by;bystanders;onlookers;tribesmen;tribal elders;elders;families;children;women;men;youths;pilgrims
CVL | worshippers | worshipers;congregation;churchgoers;mosque-goers
REF | refugees | refugee;migrants;migrant;asylum seekers;asylum seeker;displaced people;displaced persons;internally displaced;displaced families;evacuees;returnees;stateless people
HLH | doctors | doctor;physician;physicians;medics;medic;nurses;nurse;paramedics;paramedic;hospital;hospitals;health officials;health workers;health ministry;health authorities;medical staff;clinic;surgeons;surgeon;health ministry officials
LAB | workers | worker;labourers;laborers;labourer;laborer;trade union;trade unions;labor union;labour union;unions;employees;strikers;miners;dockworkers
AGR | farmers | farmer;peasants;peasant;herders;herder;fishermen;fisherman;ranchers;rancher;growers;cattle herders;pastoralists
REL | clerics | cleric;clergy;clergyman;clergymen;religious leaders;religious leader;priests;priest;monks;monk;pastor;pastors;rabbi;rabbis;bishop;bishops;archbishop;cardinal;pope;ayatollah;ayatollahs;mullah;mullahs;imam;imams;mufti;grand mufti;sheikhs;church;nuns;nun
SPY | intelligence agency | intelligence agencies;intelligence service;intelligence services;spy agency;spy agencies;intelligence officials;intelligence official;intelligence officers;intelligence officer;intelligence chief;spies;spy;secret police;secret service;intelligence community;operatives;operative
CRM | criminals | criminal;gangs;gang;gang members;gangsters;gangster;cartel;cartels;drug cartel;drug cartels;traffickers;trafficker;drug traffickers;smugglers;smuggler;kidnappers;kidnapper;pirates;pirate;robbers;robber;thieves;thief;bandits;bandit;mafia;looters;looter;poachers;hackers;hacker
ELI | former president | ex-president;former prime minister;former leader;former minister;elder statesman;royals;first lady;nobleman;aristocrats;dignitaries;dignitary
NGO | aid workers | aid worker;aid groups;aid group;aid agencies;aid agency;humanitarian workers;humanitarian groups;humanitarian organizations;charity;charities;NGO;NGOs;non-governmental organization;non-governmental organizations;nongovernmental organization;volunteers;volunteer;relief workers;relief agencies
HRI | rights groups | rights group;human rights groups;human rights group;human rights activists;rights activists;human rights organizations;rights campaigners;human rights watchdog;human rights defenders
ENV | environmentalists | environmentalist;environmental groups;environmental activists;conservationists;climate activists
"""

# Phoenix forms left out: not actors in most sentences, or better handled above.
AGENT_DROP = {
    "actor", "retired", "man", "men", "people", "persons", "person", "woman", "women", "cabinetmaker",
    "jetliner", "business", "intelligence", "intelligence information", "intelligence activity",
    "intelligence operation", "security check", "police post", "police district", "diplomatic building",
    "diplomatic building in", "chief's office", "rebellion", "insurgency", "insurgence", "armed insurgency",
    "general contractor", "general practitioner", "ambassador at", "ambassador for", "ambassador to",
    "resident of the capital", "students and professor", "students and teacher", "ministers and mps",
    "soldiers, along with their families", "soldiers and their families", "soldiers with their families",
    "government troops and police", "spy ship", "spy plane", "tree hugger", "eco warrior", "vip",
    "reactionaries", "official source", "rebel source", "rebel base", "presidential palace",
    "parliament house", "first family", "honorary consul", "white house", "state", "union", "press",
    "general", "public", "major", "captain", "justice", "representative", "head", "chief", "unit",
    "units", "division", "agent", "agents", "school", "bank", "industry", "staff", "mob", "children",
    "families", "temple", "church", "mosque", "television", "settlement", "prison", "airway", "airliner", "cargo ship", "manafacture",
    "secretary of civil",
}
