// JSON schemas shared by several routes (and published in the OpenAPI document).

/** An account as the API shows it (never the password hash). */
export const userSchema = {
  type: 'object',
  properties: {
    id: { type: 'integer' },
    username: { type: 'string' },
    displayName: { type: 'string' },
    role: { type: 'string' },
    unitCode: { type: ['string', 'null'] },
    active: { type: 'boolean' },
  },
} as const;
