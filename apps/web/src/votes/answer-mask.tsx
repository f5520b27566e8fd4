import { createContext, useContext } from 'react';

const unchanged = (text: string) => text;

/**
 * How answers' text is shown: as it is, or in blind mode before the vote with the names that
 * would tell the models apart masked (nameMasker). Every view of an answer's text reads it here,
 * so none of them can give a model away.
 */
export const AnswerMaskContext = createContext<(text: string) => string>(unchanged);

export const useAnswerMask = () => useContext(AnswerMaskContext);
