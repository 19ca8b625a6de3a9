# sweetshop_incbin(<symbol> <path> <asm_var> <decls_var>) appends to the two variables the assembly that holds the
# bytes of <path> between <symbol>_begin and <symbol>_end (via .incbin, so large files cost no compile time, with a
# NUL after them) and the matching C++ declarations. Used at configure time (embed.cmake) and at build time
# (embed_dir_scan.cmake).
function(sweetshop_incbin symbol path asm_var decls_var)
    set(asm "${${asm_var}}")
    set(decls "${${decls_var}}")
    string(APPEND asm "    .section .rodata.${symbol},\"a\"\n    .balign 16\n"
                      "    .global ${symbol}_begin\n    .global ${symbol}_end\n"
                      "${symbol}_begin:\n    .incbin \"${path}\"\n${symbol}_end:\n    .byte 0\n")
    string(APPEND decls "extern \"C\" const char ${symbol}_begin[];\nextern \"C\" const char ${symbol}_end[];\n")
    set(${asm_var} "${asm}" PARENT_SCOPE)
    set(${decls_var} "${decls}" PARENT_SCOPE)
endfunction()

# The C++ expression of the bytes of <symbol>, as a std::string_view initialiser.
function(sweetshop_incbin_view symbol out_var)
    set(${out_var} "{${symbol}_begin, static_cast<std::size_t>(${symbol}_end - ${symbol}_begin)}" PARENT_SCOPE)
endfunction()
