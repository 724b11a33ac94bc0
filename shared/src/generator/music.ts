import type { SeedDance } from './seeds.ts';

/** [title, artist] */
export type Track = readonly [title: string, artist: string];

/**
 * Music a DJ might play for each dance: freestyle songs and solo routines draw from these,
 * so a generated event looks like one a DJ has prepared.
 */
export const TRACKS: Record<SeedDance, readonly Track[]> = {
  Waltz: [
    ['Moon River', 'Andy Williams'],
    ['Could I Have This Dance', 'Anne Murray'],
    ['Kiss from a Rose', 'Seal'],
    ['Come Away with Me', 'Norah Jones'],
  ],
  'Fox Trot': [
    ['Fly Me to the Moon', 'Frank Sinatra'],
    ['The Way You Look Tonight', 'Frank Sinatra'],
    ['L-O-V-E', 'Nat King Cole'],
    ["Haven't Met You Yet", 'Michael Bublé'],
  ],
  Tango: [
    ["Hernando's Hideaway", 'Archie Bleyer'],
    ['Whatever Lola Wants', 'Sarah Vaughan'],
    ['Jalousie', 'Jacob Gade'],
    ['El Tango de Roxanne', 'Moulin Rouge Cast'],
  ],
  'V. Waltz': [
    ['Delilah', 'Tom Jones'],
    ['Dark Waltz', 'Hayley Westenra'],
    ['Piano Man', 'Billy Joel'],
  ],
  Quickstep: [
    ['Valerie', 'Amy Winehouse'],
    ['Sir Duke', 'Stevie Wonder'],
    ["I'm So Excited", 'The Pointer Sisters'],
  ],
  Peabody: [
    ["Puttin' On the Ritz", 'Taco'],
    ['Twelfth Street Rag', 'Pee Wee Hunt'],
  ],
  'Arg. Tango': [
    ['Por una Cabeza', 'Carlos Gardel'],
    ['Libertango', 'Astor Piazzolla'],
    ['La Cumparsita', "Juan D'Arienzo"],
  ],
  Salsa: [
    ['Vivir Mi Vida', 'Marc Anthony'],
    ['La Vida Es un Carnaval', 'Celia Cruz'],
    ['Pedro Navaja', 'Rubén Blades'],
  ],
  Rumba: [
    ['Hero', 'Enrique Iglesias'],
    ['Careless Whisper', 'George Michael'],
    ['Quizás, Quizás, Quizás', 'Nat King Cole'],
  ],
  'Cha Cha': [
    ['Smooth', 'Santana'],
    ['Sway', 'Michael Bublé'],
    ['Oye Como Va', 'Santana'],
    ['Uptown Funk', 'Mark Ronson'],
  ],
  Merengue: [
    ['Suavemente', 'Elvis Crespo'],
    ['La Bilirrubina', 'Juan Luis Guerra'],
  ],
  Samba: [
    ['Mas Que Nada', 'Sergio Mendes'],
    ["Livin' la Vida Loca", 'Ricky Martin'],
    ['Copacabana', 'Barry Manilow'],
  ],
  Bolero: [
    ['Sabor a Mí', 'Eydie Gormé & Trío Los Panchos'],
    ['Unchained Melody', 'The Righteous Brothers'],
    ['Every Breath You Take', 'The Police'],
  ],
  'Paso Doble': [
    ['España Cañí', 'Pascual Marquina'],
    ['El Gato Montés', 'Manuel Penella'],
  ],
  Mambo: [
    ['Mambo No. 5', 'Pérez Prado'],
    ['Ran Kan Kan', 'Tito Puente'],
    ['Qué Rico el Mambo', 'Pérez Prado'],
  ],
  WCS: [
    ['Shape of You', 'Ed Sheeran'],
    ['Stay with Me', 'Sam Smith'],
    ['Treasure', 'Bruno Mars'],
  ],
  Bachata: [
    ['Obsesión', 'Aventura'],
    ['Propuesta Indecente', 'Romeo Santos'],
    ['Darte un Beso', 'Prince Royce'],
  ],
  ECS: [
    ['Rock Around the Clock', 'Bill Haley & His Comets'],
    ['Jailhouse Rock', 'Elvis Presley'],
    ['Johnny B. Goode', 'Chuck Berry'],
  ],
  Hustle: [
    ['September', 'Earth, Wind & Fire'],
    ["Stayin' Alive", 'Bee Gees'],
    ['Le Freak', 'Chic'],
  ],
  'CW Swing': [
    ['Friends in Low Places', 'Garth Brooks'],
    ['Chattahoochee', 'Alan Jackson'],
  ],
  'Lindy Hop': [
    ['In the Mood', 'Glenn Miller'],
    ["Jump, Jive an' Wail", 'The Brian Setzer Orchestra'],
  ],
  'CW Waltz': [
    ['Tennessee Waltz', 'Patti Page'],
    ['Amazed', 'Lonestar'],
  ],
  'CW Cha Cha': [
    ['Neon Moon', 'Brooks & Dunn'],
    ['Fishin’ in the Dark', 'Nitty Gritty Dirt Band'],
  ],
  NC2: [
    ['Lady in Red', 'Chris de Burgh'],
    ['Truly Madly Deeply', 'Savage Garden'],
    ['Thinking Out Loud', 'Ed Sheeran'],
  ],
  'CW Two Step': [
    ['Boot Scootin’ Boogie', 'Brooks & Dunn'],
    ['Check Yes or No', 'George Strait'],
  ],
  'CW Three Step': [
    ['Amarillo by Morning', 'George Strait'],
    ['Wide Open Spaces', 'The Chicks'],
  ],
  'CW Shuffle': [
    ['Good Time', 'Alan Jackson'],
    ['Watermelon Crawl', 'Tracy Byrd'],
  ],
  Swing: [
    ['Sing, Sing, Sing', 'Benny Goodman'],
    ['Mack the Knife', 'Bobby Darin'],
    ['Hit the Road Jack', 'Ray Charles'],
  ],
  '4 Count': [
    ['Any Man of Mine', 'Shania Twain'],
    ['Achy Breaky Heart', 'Billy Ray Cyrus'],
  ],
  Polka: [
    ['Beer Barrel Polka', 'The Andrews Sisters'],
    ['Clarinet Polka', 'Frankie Yankovic'],
  ],
};
