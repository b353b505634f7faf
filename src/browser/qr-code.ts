/** `text` as a QR code of Unicode half blocks, for a phone to read off the terminal. */
export async function terminalQrCode(text: string): Promise<string> {
  const { renderUnicodeCompact } = await import("uqr");
  return renderUnicodeCompact(text, { border: 1 });
}
