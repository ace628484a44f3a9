// The system zlib (zlib1g-dev on Debian/Ubuntu), for streaming .gz exports.
#include <zlib.h>
