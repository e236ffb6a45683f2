// The text of every PDF of ../shared/corpus/, byte for byte as the extractor gave it before the
// native built-ins were restored after loading pdf.js (digest of the pages: text, lines, labels,
// image coverage; or the error code). Since images-2, pages under 20 characters carry no
// image coverage (they lack usable text whatever their images): only those digests moved, the
// text, lines and labels of every page stayed byte for byte. Since lines-3, lines with wide gaps
// carry their table cells: only the digests of pages with such lines moved, their text and line
// spans stayed byte for byte. A change of extraction must bump PDF_EXTRACTOR_VERSION
// and the digests together.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { extractPdfPages, readSharedPdfPages, type PageSharing } from '../../src/extract/pdf.js';
import type { Page } from '../../src/types.js';
import { ROOT } from '../helpers/cli.js';

const CORPUS = join(ROOT, '../shared/corpus');

const DIGESTS: Record<string, string> = {
  'broken_okaloosa_2-byte-fake-pdf.pdf': 'error:UNSUPPORTED',
  'en_dhs-ice_PIA-039a_LPR-commercial-data_2017.pdf': '7df25b698e12ff68b46e9e2b29c9e8442ca331e3fcf0a986d019bc7817e81a9f',
  'en_eugene-OR_RFI-20252027_license-plate-recognition.pdf': '1843efa8ae13a7f4fbae821d5ac41604caf9c353673a03241b6fa7bc19f966fd',
  'en_eugene-OR_flock-LPR-contract-2025-03244-part2_ENCRYPTED-owner.pdf': 'ee50104e7253461df9d77459e182a7ca3adbd1d5aee8e7e56400eeb458309566',
  'en_eugene-OR_inventory-surveillance-tech_SCANNED-no-text.pdf': '7b09c0141963ff3ef837af9b0b2ae8defe5a5d207331e5f575607628c654aac5',
  'en_irvine-PD_vigilant-ALPR-data-sharing_xerox-OCR.pdf': '0dda4a8322eae14ec63b0f57675a820c5b2912d01cd3f38d8aca979e0a1c1bb7',
  'en_okaloosa-FL_flock-master-service-agreement_SCANNED-no-text.PDF': '6cf9f6c1b1f6f44c719a661681107a8bf39dc6f90cf51fb36ca5bcbd88fc86e6',
  'en_orange-county-CA_flock-MOU_mostly-scanned-docusign.pdf': '91a4ec3e578cf38ff8c2af223713dd0308bceea8a84d28058e60d50b57055778',
  'fr_boamp_avis-20-101053_MINARM-DGA_transport-matieres-dangereuses.pdf': '7a29d9f1a9047702482058de74d11332dfb80ecf5b55512d81b91a6a7424eb87',
  'fr_cias-tenareze-condom_AE_accord-cadre-denrees_2025-03.pdf': '2f399ee5a1db53ae4dec2ef090cb54f055fe18e7bc58669df2bb976ecf8adffb',
  'fr_conseil-etat_ordonnance-decret-secret_2015_OCR-scan.pdf': 'd4d991bf4f9aa2338ab81e08f5c7a3b572ca5820440eb2617e59124c37d7ba5a',
  'fr_grenoble-inp_CCTP_2026FCSSA0025_machine-prototypage.pdf': '919370bd85ca850bb3563ad820c5a7c6031080474578504e42337a10dff6a67b',
  'fr_ifpra-normandie_CCTP_2026Appr-MoteurAgri.pdf': '06d6afc47912d87e86feaed70c04651e1ef10665e7ee3544283320d7ce15c0e2',
  'fr_lqdn-exegetes_TES-memoire-ampliatif-projet_biometrie.pdf': '54fa0ba2cadc56cddc7147997eba696465e5767cc5bc502148fef50d1018ebb8',
  'fr_lqdn-exegetes_recours-CE-conservation-donnees-connexion_2015.pdf': '08d312d364c6b5f5947e3188ff0bba229691e7cbda057500c089e4f1f39cbdb2',
  'fr_villeneuve-sur-lot_CCAP_denrees-alimentaires_2025.pdf': 'ee2ccb9bb544a10247114ae910f588dcb9d75f62a758d331ccb59e01ccab899b',
  'fr_villeneuve-sur-lot_CCTP_lot20-epicerie_denrees_2026-2028.pdf': '123e76da12764705fac0df971f80282b0de9f1ba7e71d2c08f2e4d87f62942d2',
  'fr_villeneuve-sur-lot_RC_denrees-alimentaires_AWS-MPI-1729204.pdf': 'b2fc02bfddf9acec1a99159d617bb17c36651e9f9995574bb7457be1118035ce',
  'pdfjs_bug1980958_CORRUPT-bad-xref.pdf': '8662ea63d58f6667349146daa48a3e9eb0f43177d103880ef0da56ec5a5e281b',
  'pdfjs_bug900822_ENCRYPTED-RC4-owner-only-nocopy.pdf': 'b4ca7d535e94569266ec3171e0da0c92dd94bea9f15fa132a917b56daeb210bf',
  'pdfjs_empty_protected_ENCRYPTED-AES256-owner-only.pdf': '8662ea63d58f6667349146daa48a3e9eb0f43177d103880ef0da56ec5a5e281b',
  'pdfjs_freeculture_LONG-352-pages.pdf': 'f261a4ba9582245148a399d6d8b694ce19fbf7f50944a0e8db6c0ea6cf3577cf',
  'pdfjs_issue6010_1_ENCRYPTED-user-password-abc.pdf': 'error:ENCRYPTED',
  'pdfjs_issue9105_other_CORRUPT-no-trailer.pdf': 'ee5a61014f04526fed83d498a343c4aed3a819bc4926e670a35b11fa41f634e2',
  'pdfjs_poppler-85140-0_CORRUPT-bogus-page-count.pdf': '8662ea63d58f6667349146daa48a3e9eb0f43177d103880ef0da56ec5a5e281b',
  'pdfjs_saslprep-r6_ENCRYPTED-AES256-R6-user-password.pdf': 'error:ENCRYPTED',
};

describe('extraction of the shared corpus', () => {
  it.each(Object.keys(DIGESTS))('%s reads as before', async (name) => {
    const bytes = new Uint8Array(readFileSync(join(CORPUS, name)));
    const digest = await extractPdfPages(bytes).then(
      (doc) => createHash('sha256').update(JSON.stringify(doc.pages)).digest('hex'),
      (err) => `error:${err.code}`,
    );
    expect(digest).toBe(DIGESTS[name]);
  });
});

/**
 * Pages shared out as the pool shares them (see pool/split.ts), here with a second reader in
 * the same thread: it opens the same bytes and takes 8-page ranges in turn with the owner.
 */
let readBySecond = 0;
const sharedWithASecondReader: PageSharing = {
  open(document) {
    let next = 0;
    const claim = (): [number, number] | undefined => {
      const first = next++ * 8 + 1;
      return first > document.pageCount ? undefined : [first, Math.min(document.pageCount, first + 7)];
    };
    const pages = new Map<number, Page>();
    const second = readSharedPdfPages(document, claim, (read) => read.forEach((page) => pages.set(page.number, page) && readBySecond++));
    return { claim, collect: () => second.then(() => pages) };
  },
};

describe('extraction of the shared corpus, pages read by two readers', () => {
  it.each(Object.keys(DIGESTS).filter((name) => !DIGESTS[name].startsWith('error:')))('%s reads as before', async (name) => {
    const bytes = new Uint8Array(readFileSync(join(CORPUS, name)));
    readBySecond = 0;
    const doc = await extractPdfPages(bytes, { sharing: sharedWithASecondReader });
    if (doc.pageCount > 100) expect(readBySecond).toBeGreaterThan(0);
    expect(createHash('sha256').update(JSON.stringify(doc.pages)).digest('hex')).toBe(DIGESTS[name]);
  });
});
