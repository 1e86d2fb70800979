/**
 * Source data of the demo catalogue: a Dutch supermarket's shelves. Each item is
 * [name, sizes, typical price in cents for the first size].
 */
export type ItemSpec = readonly [name: string, sizes: readonly string[], priceCents: number];

export interface CategorySpec {
  category: string;
  brands: readonly string[];
  items: readonly ItemSpec[];
}

export const CATEGORIES: readonly CategorySpec[] = [
  {
    category: 'Zuivel',
    brands: ['Campina', 'Zuivelhoeve', 'Arla', 'Melkan', 'Kassa'],
    items: [
      ['Halfvolle melk', ['1 L', '1,5 L'], 119],
      ['Volle melk', ['1 L', '1,5 L'], 129],
      ['Karnemelk', ['1 L'], 99],
      ['Yoghurt naturel', ['500 g', '1 kg'], 139],
      ['Griekse yoghurt', ['500 g', '1 kg'], 229],
      ['Vanillevla', ['1 L'], 169],
      ['Chocoladevla', ['1 L'], 179],
      ['Magere kwark', ['500 g'], 159],
      ['Slagroom', ['250 ml'], 189],
      ['Roomboter ongezouten', ['250 g'], 289],
    ],
  },
  {
    category: 'Kaas',
    brands: ['Beemster', 'Old Amsterdam', 'Leerdammer', 'Milner', 'Frico', 'Kassa'],
    items: [
      ['Jong belegen kaas plakken', ['190 g', '400 g'], 299],
      ['Belegen kaas stuk', ['500 g'], 549],
      ['Oude kaas blokjes', ['150 g'], 279],
      ['Geraspte kaas', ['175 g'], 229],
      ['Light kaas plakken', ['175 g'], 319],
    ],
  },
  {
    category: 'Brood & Bakkerij',
    brands: ['Bolletje', 'Van der Meulen', 'Lieken', 'Kassa Bakkerij'],
    items: [
      ['Volkorenbrood', ['800 g', '400 g'], 249],
      ['Tijgerbrood wit', ['800 g'], 269],
      ['Meergranen bollen', ['6 stuks'], 199],
      ['Beschuit', ['13 stuks'], 129],
      ['Krentenbollen', ['6 stuks'], 219],
      ['Croissants', ['4 stuks'], 189],
      ['Ontbijtkoek', ['500 g'], 199],
    ],
  },
  {
    category: 'Ontbijt & Beleg',
    brands: ['Calvé', 'De Ruijter', 'Venz', 'Hero', 'Duyvis', 'Kassa'],
    items: [
      ['Pindakaas', ['350 g', '650 g'], 279],
      ['Hagelslag puur', ['390 g'], 259],
      ['Hagelslag melk', ['390 g'], 259],
      ['Vruchtenhagel', ['400 g'], 199],
      ['Aardbeienjam', ['450 g'], 229],
      ['Appelstroop', ['450 g'], 189],
      ['Muesli', ['750 g'], 299],
      ['Havermout', ['500 g'], 139],
    ],
  },
  {
    category: 'Koffie & Thee',
    brands: ['Douwe Egberts', 'Perla', 'Lavazza', 'Pickwick', 'Kassa'],
    items: [
      ['Aroma rood filterkoffie', ['500 g', '250 g'], 699],
      ['Koffiebonen', ['500 g', '1 kg'], 749],
      ['Koffiecups lungo', ['20 stuks'], 429],
      ['Oploskoffie', ['100 g'], 499],
      ['Engelse melange thee', ['20 zakjes'], 219],
      ['Groene thee', ['20 zakjes'], 239],
      ['Rooibos thee', ['20 zakjes'], 229],
    ],
  },
  {
    category: 'Frisdrank & Sap',
    brands: ['Coca-Cola', 'Spa', 'Chaudfontaine', 'Appelsientje', 'Dubbel Frisss', 'Lipton', 'Kassa'],
    items: [
      ['Cola', ['1,5 L', '6 x 330 ml'], 219],
      ['Mineraalwater koolzuurvrij', ['1,5 L', '6 x 500 ml'], 79],
      ['Bruisend water', ['1,5 L'], 89],
      ['Sinaasappelsap', ['1 L'], 219],
      ['Appelsap', ['1 L'], 169],
      ['Ice tea', ['1,5 L'], 199],
    ],
  },
  {
    category: 'Bier & Wijn',
    brands: ['Heineken', 'Grolsch', 'Bavaria', 'Hertog Jan', 'Amstel', 'La Chouffe'],
    items: [
      ['Pils', ['6 x 330 ml', 'krat 24 x 300 ml'], 599],
      ['Alcoholvrij bier', ['6 x 330 ml'], 549],
      ['Weizen', ['4 x 500 ml'], 649],
      ['Speciaalbier', ['330 ml'], 189],
    ],
  },
  {
    category: 'Pasta, Rijst & Wereldkeuken',
    brands: ['Grand\u2019Italia', 'Lassie', 'Conimex', 'Honig', 'Bonduelle', 'Kassa'],
    items: [
      ['Spaghetti', ['500 g', '1 kg'], 129],
      ['Penne', ['500 g'], 129],
      ['Fusilli', ['500 g'], 129],
      ['Zilvervliesrijst', ['400 g', '1 kg'], 179],
      ['Basmatirijst', ['1 kg'], 299],
      ['Mie nestjes', ['250 g'], 159],
      ['Boemboe nasi', ['95 g'], 149],
      ['Kidneybonen', ['400 g'], 99],
      ['Pastasaus basilicum', ['400 g'], 219],
    ],
  },
  {
    category: 'Soepen & Sauzen',
    brands: ['Unox', 'Knorr', 'Heinz', 'Calvé', 'Remia', 'Kassa'],
    items: [
      ['Tomatensoep', ['570 ml'], 199],
      ['Erwtensoep', ['800 g'], 349],
      ['Tomatenketchup', ['500 ml'], 229],
      ['Mayonaise', ['450 ml'], 249],
      ['Fritessaus', ['500 ml'], 179],
      ['Satésaus', ['500 ml'], 229],
      ['Jus', ['3 zakjes'], 129],
    ],
  },
  {
    category: 'Snoep & Koek',
    brands: ['Verkade', 'Tony\u2019s Chocolonely', 'Haribo', 'Autodrop', 'Peijnenburg', 'Lotus', 'Kassa'],
    items: [
      ['Melkchocolade reep', ['180 g'], 329],
      ['Pure chocolade reep', ['180 g'], 329],
      ['Stroopwafels', ['8 stuks'], 199],
      ['Speculaas', ['400 g'], 189],
      ['Drop zoet', ['300 g'], 229],
      ['Winegums', ['300 g'], 199],
      ['Kano\u2019s', ['8 stuks'], 219],
    ],
  },
  {
    category: 'Chips & Noten',
    brands: ['Lay\u2019s', 'Croky', 'Duyvis', 'Pringles', 'Kassa'],
    items: [
      ['Chips naturel', ['225 g'], 199],
      ['Chips paprika', ['225 g'], 199],
      ['Borrelnootjes', ['300 g'], 249],
      ['Gezouten pinda\u2019s', ['300 g'], 199],
      ['Notenmix ongezouten', ['200 g'], 349],
    ],
  },
  {
    category: 'Diepvries',
    brands: ['Iglo', 'Dr. Oetker', 'Mora', 'Ben & Jerry\u2019s', 'Aviko', 'Kassa'],
    items: [
      ['Spinazie a la creme', ['450 g'], 199],
      ['Pizza margherita', ['350 g'], 299],
      ['Frikandellen', ['10 stuks'], 389],
      ['Vanille-ijs', ['1 L'], 349],
      ['Patat', ['1 kg'], 249],
      ['Vissticks', ['10 stuks'], 329],
    ],
  },
  {
    category: 'Vleeswaren',
    brands: ['Zwanenberg', 'Stegeman', 'Unox', 'Kassa'],
    items: [
      ['Achterham', ['150 g'], 249],
      ['Kipfilet gesneden', ['150 g'], 229],
      ['Rookvlees', ['100 g'], 279],
      ['Cervelaat', ['125 g'], 199],
      ['Rookworst', ['275 g'], 299],
    ],
  },
  {
    category: 'Huishouden',
    brands: ['Robijn', 'Dreft', 'Ariel', 'Glorix', 'Page', 'Kassa'],
    items: [
      ['Wasmiddel kleur', ['1,5 L', '3 L'], 899],
      ['Afwasmiddel', ['500 ml'], 219],
      ['Vaatwastabletten', ['30 stuks'], 799],
      ['Allesreiniger', ['1 L'], 249],
      ['Toiletpapier', ['8 rollen', '16 rollen'], 399],
      ['Keukenpapier', ['4 rollen'], 299],
    ],
  },
  {
    category: 'Drogisterij',
    brands: ['Andrélon', 'Zwitsal', 'Sanex', 'Prodent', 'Nivea', 'Kassa'],
    items: [
      ['Shampoo', ['300 ml'], 399],
      ['Douchegel', ['250 ml'], 249],
      ['Tandpasta', ['75 ml'], 199],
      ['Deodorant', ['150 ml'], 349],
      ['Handzeep', ['300 ml'], 189],
    ],
  },
  {
    category: 'Dier',
    brands: ['Whiskas', 'Felix', 'Pedigree', 'Sheba', 'Kassa'],
    items: [
      ['Kattenvoer brokjes', ['950 g'], 449],
      ['Kattenvoer maaltijdzakjes', ['12 x 85 g'], 599],
      ['Hondenvoer brokken', ['3 kg'], 1199],
      ['Hondensnacks', ['180 g'], 299],
    ],
  },
];

/** Sold by weight at the counter or the scale: [name, category, price per kg in cents]. */
export const WEIGHED: readonly (readonly [string, string, number])[] = [
  ['Bananen', 'Groente & Fruit', 199],
  ['Appels Elstar', 'Groente & Fruit', 249],
  ['Appels Jonagold', 'Groente & Fruit', 229],
  ['Peren Conference', 'Groente & Fruit', 239],
  ['Mandarijnen', 'Groente & Fruit', 299],
  ['Handsinaasappels', 'Groente & Fruit', 199],
  ['Witte druiven pitloos', 'Groente & Fruit', 549],
  ['Trostomaten', 'Groente & Fruit', 399],
  ['Paprika mix', 'Groente & Fruit', 449],
  ['Uien', 'Groente & Fruit', 129],
  ['Kruimige aardappelen', 'Groente & Fruit', 119],
  ['Champignons', 'Groente & Fruit', 599],
  ['Winterpeen', 'Groente & Fruit', 99],
  ['Courgette', 'Groente & Fruit', 279],
  ['Broccoli', 'Groente & Fruit', 399],
  ['Prei', 'Groente & Fruit', 249],
  ['Gember', 'Groente & Fruit', 899],
  ['Jong belegen Goudse kaas van het mes', 'Kaas', 1299],
  ['Oude Goudse kaas van het mes', 'Kaas', 1699],
  ['Komijnekaas van het mes', 'Kaas', 1399],
  ['Rundergehakt', 'Vlees & Vis', 1099],
  ['Kipfilet', 'Vlees & Vis', 1249],
  ['Varkenshaas', 'Vlees & Vis', 1599],
  ['Zalmfilet', 'Vlees & Vis', 2499],
  ['Kibbeling', 'Vlees & Vis', 1999],
  ['Olijven van de toonbank', 'Delicatessen', 1499],
];

/** Price-embedded items (GS1 prefix 23): the scale prints the line price into the code. */
export const PRICE_EMBEDDED: readonly (readonly [string, string, number])[] = [
  ['Boeket seizoensbloemen', 'Bloemen', 699],
  ['Appeltaart van de bakker', 'Brood & Bakkerij', 899],
  ['Kaasplankje op maat', 'Kaas', 750],
  ['Vleesschotel van de slager', 'Vlees & Vis', 1250],
];
