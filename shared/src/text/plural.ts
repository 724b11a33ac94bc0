/** "1 couple", "6 couples": a count with its noun, for every screen and sheet that counts things. */
export function plural(count: number, one: string, many = `${one}s`): string {
  return `${count} ${count === 1 ? one : many}`;
}
