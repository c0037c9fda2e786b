package dev.nestor.lease;

/** One lease file row could not be used; the message says why (Kea logs it with the row number and skips it). */
final class CsvRowException extends Exception {

    CsvRowException(String message) {
        super(message, null, false, false);
    }
}
