import type { FastifyReply } from 'fastify';

/**
 * Sends bytes as a download under their Chinese file name (RFC 5987 `filename*`, which every browser
 * reads); `nosniff` comes from the app's onSend hook.
 */
export function sendDownload(reply: FastifyReply, file: { name: string; contentType: string; data: Buffer }) {
  return reply
    .header('content-type', file.contentType)
    .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(file.name)}`)
    .send(file.data);
}
