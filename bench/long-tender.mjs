// A real-looking long tender for the benchmark: a dossier of many pieces (CCTP, CCAP, annexes,
// price schedules…) joined into one PDF, as buyers publish them. Each piece embeds its own
// subsets of DejaVu fonts (a joined dossier embeds its fonts once per part: the font objects of
// one piece are not those of the next), draws ruled tables, and its text varies from page to
// page (sentences built from a seeded generator). Copies of one short tender share their fonts
// and pages, which flatters pdf.js's memory; this does not.
//
//   node bench/long-tender.mjs out.pdf [pages] [seed]
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { crc32, deflateSync } from 'node:zlib';
import fontkit from '@pdf-lib/fontkit';
import { PDFDocument, StandardFonts, rgb } from 'pdf-lib';

const DEJAVU = '/usr/share/fonts/truetype/dejavu';
/** Font families a piece may be set in: [regular, bold, italic] file names. */
const FAMILIES = [
  ['DejaVuSans.ttf', 'DejaVuSans-Bold.ttf', 'DejaVuSans-Oblique.ttf'],
  ['DejaVuSerif.ttf', 'DejaVuSerif-Bold.ttf', 'DejaVuSerif-Italic.ttf'],
  ['DejaVuSansCondensed.ttf', 'DejaVuSansCondensed-Bold.ttf', 'DejaVuSansCondensed-Oblique.ttf'],
  ['DejaVuSerifCondensed.ttf', 'DejaVuSerifCondensed-Bold.ttf', 'DejaVuSerifCondensed-Italic.ttf'],
];
const MONO = ['DejaVuSansMono.ttf', 'DejaVuSansMono-Bold.ttf'];

/** What the tender is, for the benchmark's report. */
export const LONG_TENDER = 'one PDF joined from pieces of 4 to 40 pages (CCTP, CCAP, price schedules…), each with its own subsets of three DejaVu faces and DejaVu Sans Mono (about 420 embedded fonts in 2,005 pages), a logo, ruled price tables, articles of varied French text';

/**
 * Greedy word wrapping with each word measured once per font and size (fontkit shapes every
 * string it measures: measuring each candidate line made generation quadratic per paragraph).
 */
const widths = new WeakMap();
function wrap(text, font, size, width) {
  if (!widths.has(font)) widths.set(font, new Map());
  const known = widths.get(font);
  const measure = (word) => {
    const key = `${size} ${word}`;
    if (!known.has(key)) known.set(key, font.widthOfTextAtSize(word, size));
    return known.get(key);
  };
  const space = measure(' ');
  const lines = [];
  let line = '';
  let used = 0;
  for (const word of text.split(' ')) {
    const w = measure(word);
    if (line && used + space + w > width) {
      lines.push(line);
      line = word;
      used = w;
    } else {
      used += line ? space + w : w;
      line = line ? `${line} ${word}` : word;
    }
  }
  if (line) lines.push(line);
  return lines;
}

/** A small deterministic generator (mulberry32). */
function random(seed) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return { next, int: (lo, hi) => lo + Math.floor(next() * (hi - lo + 1)), pick: (list) => list[Math.floor(next() * list.length)] };
}

const PIECES = [
  'Cahier des clauses techniques particulières',
  'Cahier des clauses administratives particulières',
  'Règlement de la consultation',
  'Annexe technique – architecture et interfaces',
  'Bordereau des prix unitaires',
  'Décomposition du prix global et forfaitaire',
  'Mémoire technique du titulaire',
  'Plan d’assurance qualité',
  'Annexe – inventaire des sites et équipements',
  'Analyse d’impact relative à la protection des données',
  'Convention de mise à disposition',
  'Procès-verbal de la commission',
];

const SUBJECTS = ['Le titulaire', 'Le prestataire', 'Le pouvoir adjudicateur', 'La Ville', 'Le candidat', 'L’opérateur économique', 'Le maître d’ouvrage', 'Le service gestionnaire', 'Le sous-traitant', 'Le groupement'];
const VERBS = ['assure', 'fournit', 'met en œuvre', 'documente', 'garantit', 'maintient', 'décrit dans son offre', 'justifie', 'contrôle', 'planifie', 'transmet chaque trimestre', 'conserve'];
const OBJECTS = [
  'la maintenance préventive et corrective des équipements',
  'l’hébergement des données dans un centre situé en France',
  'la formation des agents du centre de supervision urbain',
  'la réversibilité des données à l’échéance du marché',
  'un plan de continuité d’activité éprouvé chaque année',
  'les mises à jour de sécurité du logiciel de supervision',
  'la traçabilité des accès aux enregistrements',
  'la remise en état des réseaux de fibre optique',
  'le remplacement des pièces d’usure dans un délai de huit jours',
  'la documentation d’exploitation en langue française',
  'les journaux d’événements pendant une durée d’un an',
  'l’assistance téléphonique du lundi au samedi',
];
const CLAUSES = [
  'conformément au code de la commande publique',
  'dans les conditions fixées au cahier des clauses administratives particulières',
  'sans surcoût pour le pouvoir adjudicateur',
  'sous le contrôle du délégué à la protection des données',
  'selon le calendrier arrêté lors de la réunion de lancement',
  'dans le respect du règlement général sur la protection des données',
  'à compter de la notification du marché',
  'après validation écrite du maître d’ouvrage',
];
/** Sentences that carry what tenderscan looks for (and one that denies it), now and then. */
const FINDINGS = [
  'La plateforme reçoit les flux des caméras de vidéoprotection exploitées depuis le centre de supervision urbain.',
  'Les données de géolocalisation des véhicules d’intervention sont intégrées chaque nuit.',
  'Le titulaire ne collectera aucune donnée biométrique et ne mettra en œuvre aucune reconnaissance faciale.',
  'Des capteurs sonores signalent les bruits anormaux au centre de supervision.',
  'Les mains courantes de la police municipale alimentent l’entrepôt de données.',
  'Un algorithme d’apprentissage automatique hiérarchise les signalements des habitants.',
  'Les lecteurs automatisés de plaques d’immatriculation (LAPI) équipent les entrées de ville.',
  'Un drone captant des images peut être déployé lors des grands événements.',
];
const DESIGNATIONS = ['Caméra dôme 4K', 'Caméra thermique', 'Enregistreur 32 voies', 'Baie de stockage 200 To', 'Licence de supervision', 'Poste opérateur', 'Mur d’images 3 × 3', 'Commutateur PoE 24 ports', 'Onduleur 3 kVA', 'Mât de 6 m', 'Liaison radio point à point', 'Heure d’ingénieur', 'Journée de formation', 'Maintenance annuelle', 'Câble fibre optique (ml)', 'Coffret de rue IP66'];

const euros = (cents) => `${Math.floor(cents / 100).toLocaleString('fr-FR').replace(/\u202f|\u00a0/g, ' ')},${String(cents % 100).padStart(2, '0')} €`;

function sentence(r, article) {
  if (r.next() < 0.18) return r.pick(FINDINGS);
  const parts = [r.pick(SUBJECTS), r.pick(VERBS), r.pick(OBJECTS)];
  if (r.next() < 0.6) parts.push(r.pick(CLAUSES));
  let text = `${parts.join(' ')}.`;
  if (r.next() < 0.2) text += ` Voir l’article ${article}.${r.int(1, 9)} et l’annexe ${r.int(1, 12)}.`;
  return text;
}

/** A PNG logo: w × h RGB, a flat shape with grain (what a letterhead carries). */
function makeLogo(w, h, seed) {
  const raw = Buffer.alloc((w * 3 + 1) * h);
  let s = seed * 7919 + 1;
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      s = (s * 1103515245 + 12345) & 0x7fffffff;
      const at = y * (w * 3 + 1) + 1 + x * 3;
      const inside = (x - w / 2) ** 2 / (w / 2) ** 2 + (y - h / 2) ** 2 / (h / 2) ** 2 < 1;
      raw[at] = inside ? 30 + ((seed * 53) & 127) : 250 - ((s >> 16) & 7);
      raw[at + 1] = inside ? 60 + ((seed * 29) & 127) : 250;
      raw[at + 2] = inside ? 120 : 250;
    }
  }
  return encodePng(w, h, raw);
}

/** A PNG of w × h RGB pixels from its filtered rows (`raw`: a filter byte, then 3 bytes a pixel, per row). */
export function encodePng(w, h, raw) {
  const chunk = (type, data) => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body));
    return Buffer.concat([len, body, crc]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(w, 0);
  ihdr.writeUInt32BE(h, 4);
  ihdr.set([8, 2, 0, 0, 0], 8);
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', ihdr), chunk('IDAT', deflateSync(raw)), chunk('IEND', Buffer.alloc(0))]);
}

/**
 * The PDF bytes of a dossier of `pages` pages: pieces of 4 to 40 pages, each with its own font
 * subsets (regular, bold, italic of one DejaVu family, DejaVu Sans Mono in its tables), its logo,
 * running header and footer in Helvetica, articles of varied text, and ruled price tables (a
 * piece that is a price schedule is mostly tables).
 */
export async function makeLongTenderBytes(pages, seed = 1) {
  const r = random(seed);
  const fontBytes = new Map();
  const readFont = (name) => {
    if (!fontBytes.has(name)) fontBytes.set(name, readFileSync(join(DEJAVU, name)));
    return fontBytes.get(name);
  };
  const doc = await PDFDocument.create();
  doc.registerFontkit(fontkit);
  doc.setCreationDate(new Date(Date.UTC(2026, 0, 15)));
  doc.setModificationDate(new Date(Date.UTC(2026, 0, 15)));
  doc.setProducer('tenderscan bench');
  doc.setTitle('Dossier de consultation des entreprises – vidéoprotection');
  const helvetica = await doc.embedFont(StandardFonts.Helvetica);
  let page = 0;
  let piece = 0;
  let article = 0;
  while (page < pages) {
    piece++;
    const title = PIECES[(piece - 1) % PIECES.length];
    const tabular = /prix|Bordereau|inventaire/i.test(title);
    const length = Math.min(pages - page, r.int(4, 40));
    const [regular, bold, italic] = FAMILIES[r.int(0, FAMILIES.length - 1)];
    const [body, heading, emphasis, mono, monoBold] = await Promise.all(
      [regular, bold, italic, ...MONO].map((name) => doc.embedFont(readFont(name), { subset: true })),
    );
    const logo = await doc.embedPng(makeLogo(90, 40, piece));
    for (let p = 1; p <= length; p++) {
      page++;
      const pdfPage = doc.addPage([595, 842]);
      pdfPage.drawText(`Dossier n° 2026-${seed}-VP – pièce ${piece} : ${title}`, { x: 60, y: 810, size: 7.5, font: helvetica });
      pdfPage.drawText(`page ${p}/${length} – ${page}`, { x: 470, y: 30, size: 7.5, font: helvetica });
      let y = 780;
      if (p === 1) {
        pdfPage.drawImage(logo, { x: 60, y: 740, width: 90, height: 40 });
        y = 720;
        for (const line of wrap(`${title.toUpperCase()} – PIÈCE N° ${piece}`, heading, 15, 470)) {
          pdfPage.drawText(line, { x: 60, y, size: 15, font: heading });
          y -= 20;
        }
        y -= 10;
      }
      const tableHere = tabular ? r.next() < 0.85 : r.next() < 0.2;
      const paragraphsBefore = tableHere ? (tabular ? r.int(0, 1) : r.int(1, 2)) : 99;
      let drawn = 0;
      while (y > 90) {
        if (drawn === paragraphsBefore) {
          y = drawTable(pdfPage, r, y, { body, heading, mono, monoBold });
          drawn++;
          continue;
        }
        if (r.next() < 0.3) {
          article++;
          const heading_ = `Article ${article} – ${r.pick(OBJECTS).replace(/^./, (c) => c.toUpperCase())}`;
          if (y < 130) break;
          for (const line of wrap(heading_, heading, 11.5, 470)) {
            pdfPage.drawText(line, { x: 60, y, size: 11.5, font: heading });
            y -= 16;
          }
          y -= 4;
        }
        const text = Array.from({ length: r.int(2, 5) }, () => sentence(r, article || 1)).join(' ');
        const font = r.next() < 0.1 ? emphasis : body;
        const size = font === emphasis ? 9.5 : 10;
        for (const line of wrap(text, font, size, 470)) {
          if (y < 70) break;
          pdfPage.drawText(line, { x: 60, y, size, font });
          y -= size + 3.5;
        }
        y -= 7;
        drawn++;
      }
    }
  }
  return doc.save();
}

/** A ruled price table from `y` down (grid of lines, a header row in bold): the y below it. */
function drawTable(page, r, top, fonts) {
  const widths = [45, 215, 55, 75, 80];
  const header = ['Poste', 'Désignation', 'Qté', 'P.U. HT', 'Total HT'];
  const rows = Math.max(3, Math.min(r.int(6, 22), Math.floor((top - 110) / 15)));
  const line = (x0, y0, x1, y1, thickness = 0.5) => page.drawLine({ start: { x: x0, y: y0 }, end: { x: x1, y: y1 }, thickness, color: rgb(0.2, 0.2, 0.2) });
  const right = 60 + widths.reduce((a, b) => a + b, 0);
  let y = top;
  const cells = [header];
  for (let i = 0; i < rows; i++) {
    const qty = r.int(1, 60);
    const unit = r.int(1500, 2500000);
    cells.push([`${r.int(1, 9)}.${r.int(1, 40)}`, r.pick(DESIGNATIONS), String(qty), euros(unit), euros(unit * qty)]);
  }
  for (const [k, row] of cells.entries()) {
    line(60, y + 11, right, y + 11, k === 0 ? 1 : 0.5);
    let x = 60;
    row.forEach((cell, c) => {
      const font = k === 0 ? fonts.heading : c === 0 ? fonts.mono : c >= 3 ? fonts.monoBold : fonts.body;
      const size = 8.5;
      const w = font.widthOfTextAtSize(cell, size);
      page.drawText(cell, { x: c >= 2 ? x + widths[c] - 4 - w : x + 4, y: y, size, font });
      x += widths[c];
    });
    y -= 15;
  }
  line(60, y + 11, right, y + 11, 1);
  let x = 60;
  for (const w of [0, ...widths]) {
    x += w;
    line(x, top + 11, x, y + 11);
  }
  return y - 14;
}

/**
 * The long tender of `pages` pages, generated when it is not in `dir` yet (a minute or two for
 * 2,005 pages): its path. The file is named by its parameters and a hash of this generator, so
 * that a changed generator makes a new file.
 */
export async function cachedLongTender(dir, pages, seed = 1) {
  const generator = createHash('sha256').update(readFileSync(fileURLToPath(import.meta.url))).digest('hex').slice(0, 12);
  const path = join(dir, `long-tender-${pages}p-seed${seed}-${generator}.pdf`);
  if (existsSync(path)) return path;
  mkdirSync(dir, { recursive: true });
  const bytes = await makeLongTenderBytes(pages, seed);
  writeFileSync(`${path}.part`, bytes);
  renameSync(`${path}.part`, path);
  return path;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const [out, pages = '2005', seed = '1'] = process.argv.slice(2);
  if (!out) {
    console.error('usage: node bench/long-tender.mjs out.pdf [pages] [seed]');
    process.exit(2);
  }
  const t = Date.now();
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, await makeLongTenderBytes(Number(pages), Number(seed)));
  console.error(`${out}: ${pages} pages in ${((Date.now() - t) / 1000).toFixed(1)} s`);
}
