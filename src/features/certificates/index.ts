/** Constancias (certificates of participation): the feature's public API. */
export {
  VERIFY_LIMIT,
  VERIFY_WINDOW_SECONDS,
  type VerifyPageResult,
  type VerifyResult,
  attendeeCertificate,
  attendeeCertificateAvailable,
  certificatesPdf,
  eventCertificates,
  facilitatorCertificate,
  facilitatorsOf,
  groupCertificate,
  groupCertificateAvailable,
  verifyCertificate,
  verifyPageResult,
  workshopHours,
} from './certificates.server';
export { CODE_LENGTH, formatCode, normalizeCode } from './codes';
export { CERT_TEXT, LINK_TEXT, VERIFY_TEXT } from './messages';
export { type CertificateDoc, formatHours, renderCertificatesPdf, verifyUrl } from './pdf';
export { TAUGHT_TYPES, facilitatorLinks } from './links';
export { notAvailable, pdfResponse } from './download';
export { isWinAnsi, toWinAnsi } from './winansi';
