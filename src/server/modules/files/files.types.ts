/**
 * Attachment types we accept: certificates, photos, scanned forms and office documents.
 * The declared extension must agree with the file's leading bytes.
 */
interface AllowedType {
  mime: string;
  magic: (head: Buffer) => boolean;
}

const startsWith = (bytes: number[]) => (head: Buffer) => bytes.every((b, i) => head[i] === b);
const zip = startsWith([0x50, 0x4b, 0x03, 0x04]);

export const ALLOWED_TYPES: Record<string, AllowedType> = {
  pdf: { mime: 'application/pdf', magic: startsWith([0x25, 0x50, 0x44, 0x46]) },
  png: { mime: 'image/png', magic: startsWith([0x89, 0x50, 0x4e, 0x47]) },
  jpg: { mime: 'image/jpeg', magic: startsWith([0xff, 0xd8, 0xff]) },
  jpeg: { mime: 'image/jpeg', magic: startsWith([0xff, 0xd8, 0xff]) },
  docx: { mime: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', magic: zip },
  xlsx: { mime: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', magic: zip },
};

export function detectType(fileName: string, head: Buffer): { ext: string; mime: string } | null {
  const ext = fileName.toLowerCase().split('.').pop() ?? '';
  const type = ALLOWED_TYPES[ext];
  if (!type?.magic(head)) return null;
  return { ext, mime: type.mime };
}
