/* An empty ICU data library, built in place of Qt's 31 MB libicudata on Linux (installer/diagnosis.spec).

   Qt links ICU for collation, legacy text codecs and time-zone display names, none of which the app
   uses: its text is UTF-8, its lists are sorted in Python, its times are formatted in Python. ICU
   reads its data through one symbol, icudt<NN>_dat: an empty table of contents (as ICU's own
   "stubdata" library has) makes each ICU service report missing data, and Qt then falls back to its
   own tables (UTF-8 and Latin-1, case mapping, the time zones of the system).

   gcc -shared -fPIC -O2 -DICU_MAJOR=73 -Wl,-soname,libicudata.so.73 -o libicudata.so.73 icu_stub.c */

#include <stdint.h>

#ifndef ICU_MAJOR
#error "define ICU_MAJOR, the ICU version Qt was built with (libicudata.so.NN)"
#endif
#define GLUE(a, b, c) a##b##c
#define ENTRY(major) GLUE(icudt, major, _dat)

struct header {
    uint16_t header_size; /* MappedData: the size of this header, and ICU's two magic bytes */
    uint8_t magic1, magic2;
    uint16_t info_size; /* UDataInfo */
    uint16_t reserved_word;
    uint8_t big_endian, charset_family, sizeof_uchar, reserved_byte;
    uint8_t format[4], format_version[4], data_version[4];
    char padding[8];
    uint32_t count, reserved; /* the table of contents: no entries */
    uint32_t name_offset, data_offset;
};

__attribute__((visibility("default"))) const struct header ENTRY(ICU_MAJOR) = {
    32, 0xda, 0x27,
    20, 0,
#if __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
    1,
#else
    0,
#endif
    0, 2, 0,
    {0x54, 0x6f, 0x43, 0x50}, /* "ToCP": a table of contents */
    {1, 0, 0, 0},
    {0, 0, 0, 0},
    {0},
    0, 0,
    0, 0,
};
