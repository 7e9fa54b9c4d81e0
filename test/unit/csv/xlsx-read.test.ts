// Reading workbooks as people keep them (issue 11 point 1), and the files
// that must be refused with one clear message (its "Bad input" section).
import { deflateRawSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { readSpreadsheet } from '../../../src/csv/read-sheet.js';
import { MAX_IMPORT_BYTES } from '../../../src/csv/sniff.js';
import { UserError } from '../../../src/errors.js';
import { t } from '../../../src/i18n/index.js';
import { makeWorld } from './helpers.js';
import { day, makeXlsx } from '../../helpers/xlsx.js';

async function refusal(bytes: Buffer, name: string): Promise<UserError> {
  try {
    await readSpreadsheet(bytes, name);
  } catch (e) {
    if (e instanceof UserError) return e;
    throw e;
  }
  throw new Error('expected a UserError');
}

/** the same byte string replaced everywhere (names keep their length, so offsets stay right) */
function patch(bytes: Buffer, from: string, to: string): Buffer {
  const out = Buffer.from(bytes);
  const [a, b] = [Buffer.from(from), Buffer.from(to)];
  for (let i = out.indexOf(a); i >= 0; i = out.indexOf(a, i + 1)) b.copy(out, i);
  return out;
}

/** a deflated zip of the given entries; `claim` overrides every declared size (a lying bomb) */
function zipOf(files: [string, Buffer][], claim?: number): Buffer {
  const locals: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const [name, data] of files) {
    const packed = deflateRawSync(data);
    const size = claim ?? data.length;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(8, 8);
    local.writeUInt32LE(packed.length, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(Buffer.byteLength(name), 26);
    const dir = Buffer.alloc(46);
    dir.writeUInt32LE(0x02014b50, 0);
    dir.writeUInt16LE(20, 4);
    dir.writeUInt16LE(20, 6);
    dir.writeUInt16LE(8, 10);
    dir.writeUInt32LE(packed.length, 20);
    dir.writeUInt32LE(size, 24);
    dir.writeUInt16LE(Buffer.byteLength(name), 28);
    dir.writeUInt32LE(offset, 42);
    locals.push(local, Buffer.from(name), packed);
    central.push(dir, Buffer.from(name));
    offset += 30 + Buffer.byteLength(name) + packed.length;
  }
  const dirBytes = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(files.length, 8);
  end.writeUInt16LE(files.length, 10);
  end.writeUInt32LE(dirBytes.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, dirBytes, end]);
}

describe('reading .xlsx', () => {
  it('reads dates, whole phone numbers and cached formula values; finds the header under notes', async () => {
    const bytes = await makeXlsx([
      ['说明：请勿修改表头'],
      ['客户名称', '联系方式', '最近跟进时间', '备注', '客户编号'],
      ['甲公司', 13812345678, day('2024-05-10'), { formula: '1+1', result: 2 }, null],
      ['乙公司', '0574-87654321', 45420, { formula: 'A4&"分部"', result: '乙公司分部' }, 'C20240501001'],
      [],
      ['丙公司', null, '2024年5月5日', 12.5, null],
      ['丁公司', null, '2024.5.5', null, null],
      ['戊公司', null, '2024/5/8', null, null],
    ], { title: '客户信息分类管理表' });
    const sheet = await readSpreadsheet(bytes, 'customers.xlsx');
    expect(sheet).toMatchObject({ encoding: 'xlsx', headerLine: 3 });
    expect(sheet.records).toEqual([
      { line: 4, cells: ['甲公司', '13812345678', '2024-05-10', '2'] },
      { line: 5, cells: ['乙公司', '0574-87654321', '45420', '乙公司分部', 'C20240501001'] },
      { line: 7, cells: ['丙公司', '', '2024年5月5日', '12.5'] },
      { line: 8, cells: ['丁公司', '', '2024.5.5'] },
      { line: 9, cells: ['戊公司', '', '2024/5/8'] },
    ]);

    const w = await makeWorld();
    const report = await w.run(bytes);
    expect(report).toMatchObject({ created: 5, errors: [], warnings: [] });
    const days = (await w.snapshot()).map((c) => [c.name, c.lastInteractionAt?.toISOString().slice(0, 10), c.contacts[0]?.phone]);
    // Shanghai midnight is the previous UTC day; 45420 is Excel's serial for 2024-05-08
    expect(days).toEqual([
      ['乙公司', '2024-05-07', '0574-87654321'],
      ['甲公司', '2024-05-09', '13812345678'],
      ['丙公司', '2024-05-04', undefined],
      ['丁公司', '2024-05-04', undefined],
      ['戊公司', '2024-05-07', undefined],
    ]);
  });

  it('takes the sheet whose header matches when the first sheet is a cover page', async () => {
    const bytes = await makeXlsx([['客户名称', '关系分类'], ['甲公司', '核心客户']], {
      sheetName: '客户', before: [{ name: '封面', rows: [['2024 年客户表'], ['销售部']] }],
    });
    const sheet = await readSpreadsheet(bytes, 'book.xlsx');
    expect(sheet.records).toEqual([{ line: 2, cells: ['甲公司', '核心客户'] }]);
  });

  it('a hidden sheet (an old copy of the table) loses to the visible one, and is read only when it alone has the table', async () => {
    const old = [['客户名称', '关系分类'], ['旧公司', '普通客户']];
    for (const state of ['hidden', 'veryHidden'] as const) {
      const bytes = await makeXlsx([['客户名称', '关系分类'], ['甲公司', '核心客户']], {
        sheetName: '客户', before: [{ name: '旧表', rows: old, state }],
      });
      expect((await readSpreadsheet(bytes, 'book.xlsx')).records).toEqual([{ line: 2, cells: ['甲公司', '核心客户'] }]);
    }
    const onlyHidden = await makeXlsx([['2024 年客户表'], ['销售部']], { sheetName: '封面', before: [{ name: '数据', rows: old, state: 'hidden' }] });
    expect((await readSpreadsheet(onlyHidden, 'book.xlsx')).records).toEqual([{ line: 2, cells: ['旧公司', '普通客户'] }]);
  });

  it('the content decides the format, not the name', async () => {
    const xlsx = await makeXlsx([['客户名称'], ['甲公司']]);
    expect((await readSpreadsheet(xlsx, 'customers.csv')).encoding).toBe('xlsx');
    expect((await readSpreadsheet(Buffer.from('客户名称\n甲公司\n'), 'customers.xlsx')).encoding).toBe('utf-8');
  });
});

describe('files that are refused, each with one message', () => {
  it('not what its name says: an image, a Word document, binary bytes', async () => {
    const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);
    const e = await refusal(png, 'customers.xlsx');
    expect(e).toMatchObject({ key: 'import.notSpreadsheet', params: { file: 'customers.xlsx', kind: 'PNG' } });
    expect(t('zh', e.key, e.params)).toBe('customers.xlsx 与文件名不符：内容是 PNG，不是 .xlsx 工作簿或文本表格（.csv、Unicode 文本 .txt）。请以 .xlsx 或 .csv 发送客户表。');
    const docx = patch(await makeXlsx([['客户名称'], ['甲']]), 'xl/workbook.xml', 'xl/document.xml');
    expect(await refusal(docx, 'table.xlsx')).toMatchObject({ key: 'import.notSpreadsheet', params: { kind: 'ZIP' } });
    expect(await refusal(Buffer.from([1, 2, 0, 4, 5]), 'table.csv')).toMatchObject({ key: 'import.binaryFile', params: { file: 'table.csv' } });
  });

  it('a password-protected workbook (an OLE compound file with an EncryptedPackage), and an old .xls', async () => {
    const ole = (stream: string): Buffer => Buffer.concat([
      Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(504), Buffer.from(stream, 'utf16le'), Buffer.alloc(64),
    ]);
    const locked = await refusal(ole('EncryptedPackage'), 'customers.xlsx');
    expect(locked.key).toBe('import.encrypted');
    expect(t('en', locked.key, locked.params)).toMatch(/^This workbook is password-protected, so it cannot be read\./u);
    expect((await refusal(ole('Workbook'), 'old.xls')).key).toBe('import.legacyXls');
  });

  it('a zip bomb: refused by the sizes it declares, and by counting when it lies about them', async () => {
    const xml = Buffer.alloc(32 * 2 ** 20, 0x20);
    const honest = zipOf([['xl/workbook.xml', Buffer.from('<workbook/>')], ['xl/sharedStrings.xml', xml]]);
    const declared = await refusal(honest, 'bomb.xlsx');
    expect(declared.key).toBe('import.zipBomb');
    expect(declared.params).toMatchObject({ size: 33, max: 512 });
    expect(t('en', declared.key, declared.params)).toMatch(/^This workbook unpacks to 33 MB, far beyond a customer table/u);

    // the same bytes with the directory claiming 1 KB: inflating it, counted, stops at the 1,025th byte
    const lying = zipOf([['xl/workbook.xml', Buffer.from('<workbook/>')], ['xl/sharedStrings.xml', xml]], 1024);
    expect((await refusal(lying, 'bomb.xlsx')).key).toBe('import.zipBomb');
    // and bytes a streaming reader would find that the directory does not list
    const hidden = Buffer.concat([zipOf([['xl/sharedStrings.xml', xml]]).subarray(0, 200), honest]);
    expect(await refusal(hidden, 'x.xlsx')).toMatchObject({ key: 'import.unreadableXlsx' });
  });

  it('an empty sheet, a header without a name column, a file over the size limit', async () => {
    expect(await refusal(await makeXlsx([], { sheetName: '客户表' }), 'empty.xlsx')).toMatchObject({ key: 'import.emptySheet', params: { sheet: '客户表' } });
    const noName = await refusal(await makeXlsx([['联系人', '联系方式', '负责人'], ['张伟', '13812345678', '王磊']]), 'x.xlsx');
    expect(noName).toMatchObject({ key: 'import.noNameColumn', params: { line: 1, columns: '联系人, 联系方式, 负责人' } });
    expect(t('zh', noName.key, noName.params)).toBe('表头（第 1 行）里没有客户名称列：请添加“客户名称”一列。已识别的列：联系人, 联系方式, 负责人。');
    const big = Buffer.alloc(MAX_IMPORT_BYTES + 1, 0x41);
    expect(await refusal(big, 'big.csv')).toMatchObject({ key: 'import.tooBig', params: { size: 51, max: 50 } });
  });

  it('nothing is written for a refused file', async () => {
    const w = await makeWorld();
    await expect(w.run(await makeXlsx([['联系人'], ['张伟']]))).rejects.toMatchObject({ key: 'import.noHeader' });
    expect(await w.snapshot()).toEqual([]);
    expect(await w.store.audit.list('T_IMPORT', {}, 5)).toEqual([]);
  });
});
