import { expect } from 'chai';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { extractDataDirTar, seedDataDir } from '../../src/db/data-dir-tar';

/** A ustar header block (name, mode, size, type) with a correct checksum, then the data padded to 512 bytes. */
function entry(name: string, data: string | null, options: { type?: string; mode?: number; checksum?: number } = {}): Buffer {
  const header = Buffer.alloc(512);
  header.write(name, 0, 100, 'utf8');
  header.write(`${(options.mode ?? 0o600).toString(8).padStart(7, '0')}\0`, 100, 'ascii');
  const size = data === null ? 0 : Buffer.byteLength(data);
  header.write(`${size.toString(8).padStart(11, '0')}\0`, 124, 'ascii');
  header.write(options.type ?? (data === null ? '5' : '0'), 156, 'ascii');
  header.write('ustar\0', 257, 'ascii');
  header.fill(0x20, 148, 156);
  const sum = options.checksum ?? header.reduce((a, b) => a + b, 0);
  header.write(`${sum.toString(8).padStart(6, '0')}\0 `, 148, 'ascii');
  const body = Buffer.alloc(Math.ceil(size / 512) * 512);
  if (data !== null) body.write(data, 0, 'utf8');
  return Buffer.concat([header, body]);
}

const END = Buffer.alloc(1024);
const tar = (...entries: Buffer[]): Buffer => Buffer.concat([...entries, END]);

describe('data directory tarballs (extractDataDirTar, seedDataDir)', () => {
  let root = '';
  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'schemakit-tar-'));
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  const good = () =>
    tar(entry('/base', null), entry('/base/1', null), entry('/base/1/1259', 'pg_class'), entry('/PG_VERSION', '18\n'), entry('/pg_tblspc', null));

  it('writes the files and directories of a tarball, gzipped or not', () => {
    for (const [name, bytes] of [
      ['plain', good()],
      ['gzip', gzipSync(good())],
    ] as const) {
      const dest = join(root, name);
      expect(extractDataDirTar(bytes, dest)).to.equal(2);
      expect(readFileSync(join(dest, 'PG_VERSION'), 'utf8')).to.equal('18\n');
      expect(readFileSync(join(dest, 'base', '1', '1259'), 'utf8')).to.equal('pg_class');
      expect(statSync(join(dest, 'pg_tblspc')).isDirectory()).to.equal(true);
      expect(statSync(join(dest, 'PG_VERSION')).mode & 0o777).to.equal(0o600);
    }
  });

  const refused: readonly { readonly what: string; readonly bytes: () => Buffer; readonly message: RegExp }[] = [
    { what: 'a header whose checksum does not match', bytes: () => tar(entry('/PG_VERSION', '18\n', { checksum: 1 })), message: /bad tar header/ },
    { what: 'an entry leaving the directory', bytes: () => tar(entry('../escaped', 'x')), message: /leaves the directory/ },
    { what: 'a symbolic link', bytes: () => tar(entry('/link', null, { type: '2' })), message: /unsupported type 2/ },
    { what: 'a truncated entry', bytes: () => entry('/PG_VERSION', 'x'.repeat(2000)).subarray(0, 1024), message: /truncated/ },
    { what: 'no end-of-archive blocks', bytes: () => entry('/PG_VERSION', '18\n'), message: /end-of-archive/ },
    { what: 'a file that is not a tarball', bytes: () => Buffer.from('not a tarball at all'.repeat(40)), message: /bad tar (header|number)/ },
  ];
  for (const { what, bytes, message } of refused) {
    it(`refuses ${what}`, () => {
      expect(() => extractDataDirTar(bytes(), join(root, 'x'))).to.throw(message);
      expect(existsSync(join(root, 'escaped'))).to.equal(false);
    });
  }

  it('seeds an empty directory in one rename, and leaves nothing behind when the tarball is bad', () => {
    const dir = join(root, 'db');
    mkdirSync(dir);
    seedDataDir(good(), dir);
    expect(readdirSync(dir).sort()).to.deep.equal(['PG_VERSION', 'base', 'pg_tblspc']);
    expect(readdirSync(root)).to.deep.equal(['db']);

    const other = join(root, 'other');
    mkdirSync(other);
    expect(() => seedDataDir(tar(entry('/PG_VERSION', '18\n', { checksum: 1 })), other)).to.throw(/bad tar header/);
    expect(readdirSync(other)).to.deep.equal([]);
    expect(readdirSync(root).sort()).to.deep.equal(['db', 'other']);
  });
});
