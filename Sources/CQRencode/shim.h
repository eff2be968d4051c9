// libqrencode (Debian: libqrencode-dev), wrapped for Swift by MadoguchiServer's QRCode.
#include <qrencode.h>
