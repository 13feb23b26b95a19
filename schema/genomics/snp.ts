import { c, check, index, sql, table } from 'schemakit';
import { evidenceLevel, genomics } from './schema';

/** Genetic variants that affect the skin. */
export const snp = table(genomics, 'snp', {
  comment: 'Single Nucleotide Polymorphisms (genetic variants) that affect skin characteristics',
  columns: {
    snp_id: c.serial().primaryKey(),
    rsid: c.varchar(20).notNull().unique().comment('Reference SNP ID (unique identifier from dbSNP database)'),
    gene: c.varchar(50).notNull().comment('Gene symbol associated with this SNP'),
    risk_allele: c.char(1).notNull().comment('Allele associated with the genetic effect'),
    effect: c.text().notNull().comment('Description of the genetic effect on skin'),
    evidence_strength: c.enum(evidenceLevel).notNull().comment('Scientific evidence strength (Strong, Moderate, Weak)'),
    category: c.varchar(100).notNull().comment('Functional category of the genetic variant'),
  },
  checks: (t) => [
    check('snp_rsid_format', sql`${t.rsid} ~ '^rs\d+$'`),
    check('snp_risk_allele_base', sql`${t.risk_allele} IN ('A', 'T', 'G', 'C')`),
  ],
  indexes: (t) => [
    // Gene symbols are searched case-insensitively.
    index('idx_snp_gene').on(sql`upper(${t.gene})`),
    index('idx_snp_category').on(t.category),
    index('idx_snp_evidence').on(t.evidence_strength),
  ],
});
