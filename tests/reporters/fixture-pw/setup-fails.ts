/** As when the database the e2e server needs does not answer. */
export default function globalSetup() {
  throw new Error('la base no responde');
}
