// The text of every PDF of ../shared/corpus/, byte for byte as the extractor gave it before the
// native built-ins were restored after loading pdf.js (digest of the pages: text, lines, labels,
// image coverage; or the error code). Since images-2, pages under 20 characters carry no
// image coverage (they lack usable text whatever their images): only those digests moved, the
// text, lines and labels of every page stayed byte for byte. A change of extraction must bump PDF_EXTRACTOR_VERSION
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
  'en_eugene-OR_RFI-20252027_license-plate-recognition.pdf': 'cb7c310ad8a1163e4f55cbc9656be1c4292b6dbe59db3e4d7bbef27d0a1c0937',
  'en_eugene-OR_flock-LPR-contract-2025-03244-part2_ENCRYPTED-owner.pdf': 'c8e62bbe00b5908b93a30051bbf765b26f5e6c8e5fbd1aaa79fccdb7ecd685ef',
  'en_eugene-OR_inventory-surveillance-tech_SCANNED-no-text.pdf': '7b09c0141963ff3ef837af9b0b2ae8defe5a5d207331e5f575607628c654aac5',
  'en_irvine-PD_vigilant-ALPR-data-sharing_xerox-OCR.pdf': 'fc41e609b6591d8a0bb9350e89e43fab49c36a189ee1cd8c8aedc017e498d554',
  'en_okaloosa-FL_flock-master-service-agreement_SCANNED-no-text.PDF': '6cf9f6c1b1f6f44c719a661681107a8bf39dc6f90cf51fb36ca5bcbd88fc86e6',
  'en_orange-county-CA_flock-MOU_mostly-scanned-docusign.pdf': '91a4ec3e578cf38ff8c2af223713dd0308bceea8a84d28058e60d50b57055778',
  'fr_boamp_avis-20-101053_MINARM-DGA_transport-matieres-dangereuses.pdf': '7a29d9f1a9047702482058de74d11332dfb80ecf5b55512d81b91a6a7424eb87',
  'fr_cias-tenareze-condom_AE_accord-cadre-denrees_2025-03.pdf': '00b499b43818f61f0e6df2e1b07a5212e55da864e8b866d2aed01acc7bd84137',
  'fr_conseil-etat_ordonnance-decret-secret_2015_OCR-scan.pdf': '6f4df413e5484f00cecc75774c165f4d3f4272713ba8a6fc6d7a0a811da392ac',
  'fr_grenoble-inp_CCTP_2026FCSSA0025_machine-prototypage.pdf': 'ca6383adbd1b164974de6ee2c633daf7ca441d73ff124bc49092dab3691fe146',
  'fr_ifpra-normandie_CCTP_2026Appr-MoteurAgri.pdf': '06d6afc47912d87e86feaed70c04651e1ef10665e7ee3544283320d7ce15c0e2',
  'fr_lqdn-exegetes_TES-memoire-ampliatif-projet_biometrie.pdf': '0f1104b8ef2f2529f6f318479237d2d7c3f872ff9ba4e383c0ea2b32783525f2',
  'fr_lqdn-exegetes_recours-CE-conservation-donnees-connexion_2015.pdf': '7d419c5a9e1c52aa4e97e1290fdea4b114271b0dd2e0984bc29e405d7ca22191',
  'fr_villeneuve-sur-lot_CCAP_denrees-alimentaires_2025.pdf': '1b18c54e52a1a5cf14f14912f0fac0b35df10892bde5ffef8ea6f558f471841a',
  'fr_villeneuve-sur-lot_CCTP_lot20-epicerie_denrees_2026-2028.pdf': '30bf3b2f725f3b918bdf492123987510c4c19eb34a7ebe96a080030dd926ff48',
  'fr_villeneuve-sur-lot_RC_denrees-alimentaires_AWS-MPI-1729204.pdf': '7d76eb5c920774d62ff10087f7fd17f4e601ad592904d56edd041c77072a2987',
  'pdfjs_bug1980958_CORRUPT-bad-xref.pdf': '8662ea63d58f6667349146daa48a3e9eb0f43177d103880ef0da56ec5a5e281b',
  'pdfjs_bug900822_ENCRYPTED-RC4-owner-only-nocopy.pdf': 'b4ca7d535e94569266ec3171e0da0c92dd94bea9f15fa132a917b56daeb210bf',
  'pdfjs_empty_protected_ENCRYPTED-AES256-owner-only.pdf': '8662ea63d58f6667349146daa48a3e9eb0f43177d103880ef0da56ec5a5e281b',
  'pdfjs_freeculture_LONG-352-pages.pdf': '95827a2ebdc847dbddfaffc4ad70f208f36d03f6ef2189e99dd350e0a5aed49c',
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
