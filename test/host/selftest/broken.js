// Self-test entry: throws while being loaded, so run() is never reached (non-zero).
'use strict';

throw new Error('broken tests entry');
