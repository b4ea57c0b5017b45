// Lisbon as the demo network needs it: neighbourhoods with real streets and postcodes, the city's box, and the Tagus.
import { containsPoint, type Bbox } from "../domain/geo";

export type Neighbourhood = {
  name: string;
  lat: number;
  lng: number;
  /** How far stations scatter from the centre, in metres; smaller where the river or the airport is close. */
  spreadM: number;
  /** Relative share of the city's stations: the centre and the office districts are denser. */
  weight: number;
  postcodes: readonly string[];
  streets: readonly string[];
};

export const lisbonBbox: Bbox = [-9.235, 38.69, -9.085, 38.8];

export const neighbourhoods: readonly Neighbourhood[] = [
  {
    name: "Baixa",
    lat: 38.7117,
    lng: -9.1372,
    spreadM: 220,
    weight: 8,
    postcodes: ["1100"],
    streets: [
      "Rua Augusta",
      "Rua da Prata",
      "Rua do Ouro",
      "Rua dos Fanqueiros",
      "Rua dos Correeiros",
      "Rua da Conceição",
    ],
  },
  {
    name: "Chiado",
    lat: 38.7108,
    lng: -9.142,
    spreadM: 200,
    weight: 5,
    postcodes: ["1200"],
    streets: [
      "Rua Garrett",
      "Rua do Carmo",
      "Rua Nova do Almada",
      "Rua da Misericórdia",
      "Rua Ivens",
      "Rua Serpa Pinto",
    ],
  },
  {
    name: "Alfama",
    lat: 38.7125,
    lng: -9.1295,
    spreadM: 220,
    weight: 5,
    postcodes: ["1100"],
    streets: [
      "Rua de São Miguel",
      "Rua dos Remédios",
      "Rua de São Pedro",
      "Largo do Chafariz de Dentro",
      "Rua da Regueira",
    ],
  },
  {
    name: "Saldanha",
    lat: 38.7345,
    lng: -9.1448,
    spreadM: 300,
    weight: 9,
    postcodes: ["1050"],
    streets: [
      "Avenida Fontes Pereira de Melo",
      "Avenida Praia da Vitória",
      "Rua Latino Coelho",
      "Avenida Casal Ribeiro",
      "Rua Tomás Ribeiro",
      "Avenida Duque de Ávila",
    ],
  },
  {
    name: "Avenidas Novas",
    lat: 38.7405,
    lng: -9.1475,
    spreadM: 400,
    weight: 12,
    postcodes: ["1050", "1069"],
    streets: [
      "Avenida da República",
      "Avenida 5 de Outubro",
      "Avenida de Berna",
      "Avenida Elias Garcia",
      "Avenida Miguel Bombarda",
      "Avenida Marquês de Tomar",
    ],
  },
  {
    name: "Arroios",
    lat: 38.729,
    lng: -9.135,
    spreadM: 350,
    weight: 8,
    postcodes: ["1150", "1170"],
    streets: [
      "Avenida Almirante Reis",
      "Rua de Arroios",
      "Avenida Duque de Loulé",
      "Rua Pascoal de Melo",
      "Rua António Pedro",
    ],
  },
  {
    name: "Areeiro",
    lat: 38.7425,
    lng: -9.133,
    spreadM: 350,
    weight: 7,
    postcodes: ["1000", "1049"],
    streets: [
      "Avenida João XXI",
      "Avenida de Paris",
      "Rua Carlos Mardel",
      "Avenida Almirante Gago Coutinho",
      "Avenida de Madrid",
    ],
  },
  {
    name: "Alvalade",
    lat: 38.7515,
    lng: -9.1425,
    spreadM: 400,
    weight: 8,
    postcodes: ["1700"],
    streets: [
      "Avenida da Igreja",
      "Avenida de Roma",
      "Avenida do Brasil",
      "Rua Acácio de Paiva",
      "Avenida Rio de Janeiro",
    ],
  },
  {
    name: "Lumiar",
    lat: 38.77,
    lng: -9.16,
    spreadM: 450,
    weight: 7,
    postcodes: ["1600", "1750"],
    streets: [
      "Alameda das Linhas de Torres",
      "Estrada do Lumiar",
      "Rua Professor Francisco Gentil",
      "Avenida Padre Cruz",
      "Rua do Lumiar",
    ],
  },
  {
    name: "Benfica",
    lat: 38.751,
    lng: -9.2,
    spreadM: 450,
    weight: 8,
    postcodes: ["1500", "1600"],
    streets: [
      "Estrada de Benfica",
      "Avenida do Uruguai",
      "Rua Cláudio Nunes",
      "Avenida Grão Vasco",
      "Avenida Gomes Pereira",
    ],
  },
  {
    name: "Campolide",
    lat: 38.731,
    lng: -9.164,
    spreadM: 300,
    weight: 5,
    postcodes: ["1070", "1099"],
    streets: [
      "Rua de Campolide",
      "Avenida Calouste Gulbenkian",
      "Rua Marquês de Fronteira",
      "Rua General Taborda",
    ],
  },
  {
    name: "Campo de Ourique",
    lat: 38.7175,
    lng: -9.1665,
    spreadM: 300,
    weight: 6,
    postcodes: ["1350", "1250"],
    streets: [
      "Rua Ferreira Borges",
      "Rua Saraiva de Carvalho",
      "Rua Coelho da Rocha",
      "Rua Tomás da Anunciação",
    ],
  },
  {
    name: "Estrela",
    lat: 38.7135,
    lng: -9.1595,
    spreadM: 280,
    weight: 5,
    postcodes: ["1200", "1350"],
    streets: [
      "Rua de São Bento",
      "Calçada da Estrela",
      "Rua Domingos Sequeira",
      "Avenida Infante Santo",
      "Praça da Estrela",
    ],
  },
  {
    name: "Belém",
    lat: 38.699,
    lng: -9.2045,
    spreadM: 350,
    weight: 6,
    postcodes: ["1400"],
    streets: [
      "Rua de Belém",
      "Rua Vieira Portuense",
      "Avenida da Torre de Belém",
      "Rua dos Jerónimos",
      "Calçada do Galvão",
    ],
  },
  {
    name: "Alcântara",
    lat: 38.7048,
    lng: -9.1775,
    spreadM: 300,
    weight: 5,
    postcodes: ["1300", "1350"],
    streets: [
      "Rua Prior do Crato",
      "Rua de Cascais",
      "Avenida de Ceuta",
      "Rua Leão de Oliveira",
      "Calçada da Tapada",
    ],
  },
  {
    name: "Marvila",
    lat: 38.7425,
    lng: -9.109,
    spreadM: 400,
    weight: 5,
    postcodes: ["1800", "1950"],
    streets: [
      "Rua do Açúcar",
      "Rua Capitão Leitão",
      "Rua Zófimo Pedroso",
      "Estrada de Chelas",
      "Rua Fernando Maurício",
    ],
  },
  {
    name: "Olivais",
    lat: 38.765,
    lng: -9.114,
    spreadM: 400,
    weight: 5,
    postcodes: ["1800", "1885"],
    streets: [
      "Avenida de Berlim",
      "Rua Cidade de Bolama",
      "Rua Cidade de Lobito",
      "Rua Cidade de Benguela",
    ],
  },
  {
    name: "Parque das Nações",
    lat: 38.765,
    lng: -9.0985,
    spreadM: 300,
    weight: 8,
    postcodes: ["1990", "1998"],
    streets: [
      "Alameda dos Oceanos",
      "Avenida Dom João II",
      "Rua do Bojador",
      "Rossio dos Olivais",
      "Avenida da Boa Esperança",
    ],
  },
];

/**
 * The Tagus estuary next to Lisbon as a polygon: the north bank from Belém east to the Baixa, then north along the
 * east shore past Parque das Nações, closed through the water. Points inside it are in the river.
 * Each vertex is [lng, lat], within about 150 m of the real shoreline.
 */
export const tagus: readonly (readonly [number, number])[] = [
  [-9.24, 38.6918],
  [-9.216, 38.6915],
  [-9.206, 38.693],
  [-9.19, 38.696],
  [-9.178, 38.6995],
  [-9.165, 38.7025],
  [-9.1445, 38.705],
  [-9.1365, 38.7068],
  [-9.128, 38.708],
  [-9.122, 38.711],
  [-9.114, 38.718],
  [-9.106, 38.726],
  [-9.1, 38.736],
  [-9.097, 38.745],
  [-9.095, 38.754],
  [-9.093, 38.762],
  [-9.0945, 38.775],
  [-9.09, 38.79],
  [-9.0, 38.79],
  [-9.0, 38.6],
  [-9.24, 38.6],
];

/** Ray casting: is the point inside the polygon of [lng, lat] vertices? */
function isInsidePolygon(
  polygon: readonly (readonly [number, number])[],
  lat: number,
  lng: number,
): boolean {
  let inside = false;
  for (let i = 0, j = polygon.length - 1; i < polygon.length; j = i++) {
    const [xi, yi] = polygon[i];
    const [xj, yj] = polygon[j];
    if (
      yi > lat !== yj > lat &&
      lng < ((xj - xi) * (lat - yi)) / (yj - yi) + xi
    )
      inside = !inside;
  }
  return inside;
}

export function isInTagus(lat: number, lng: number): boolean {
  return isInsidePolygon(tagus, lat, lng);
}

/** Where a simulated station may stand: inside the box and not in the river. */
export function isOnLandWithin(box: Bbox, lat: number, lng: number): boolean {
  return containsPoint(box, lng, lat) && !isInTagus(lat, lng);
}
