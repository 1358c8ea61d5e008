/** `@app/dip-auth`: DIP request signatures (mhhs-domain.md §3.5). */
export {};
