/// The portal's stylesheet: デジタル庁デザインシステム habits — large type, visible focus, 44 px
/// targets, contrast ≥ 4.5:1 (text #1a1a1a / links #0031d8 on white; errors #c00 on white).
enum Stylesheet {
    static let css = """
        *,*::before,*::after{box-sizing:border-box}
        html{font-size:100%}
        body{margin:0;font-family:"Noto Sans JP","Noto Sans CJK JP",system-ui,sans-serif;font-size:1rem;line-height:1.75;color:#1a1a1a;background:#fff}
        a{color:#0031d8;text-underline-offset:.2em}
        a:visited{color:#5c10be}
        :focus-visible{outline:4px solid #000;outline-offset:2px;box-shadow:0 0 0 6px #ffd43d}
        .skip-link{position:absolute;left:-9999px;top:0;background:#fff;padding:.5rem 1rem}
        .default-action{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap;border:0;padding:0}
        .skip-link:focus{left:1rem;z-index:10}
        .site-header{background:#0031d8;color:#fff}
        .site-header__inner,.main,.site-footer{max-width:52rem;margin:0 auto;padding:1rem}
        .site-header__inner{display:flex;justify-content:space-between;align-items:center;gap:1rem;flex-wrap:wrap}
        .site-name,.site-name:visited{color:#fff;font-weight:700;text-decoration:none;font-size:1.125rem}
        .municipality{font-size:1.25rem}
        .language-switch{min-height:44px;min-width:44px;display:inline-flex;align-items:center;padding:.25rem 1rem;border:2px solid #fff;border-radius:8px;background:transparent;color:#fff;font:inherit;cursor:pointer;text-decoration:none}
        .language-switch:visited{color:#fff}
        h1{font-size:1.75rem;line-height:1.4;margin:1rem 0}
        h2{font-size:1.375rem;line-height:1.5;margin:2rem 0 .75rem}
        .lead{font-size:1.125rem}
        .breadcrumb{margin:.5rem 0 0}
        .site-footer{border-top:1px solid #767676;margin-top:3rem;font-size:.875rem}
        .search__row{display:flex;gap:.5rem;flex-wrap:wrap}
        input[type=text],input[type=search],input[type=email],input[type=tel],input[type=password],select,textarea{font:inherit;min-height:44px;padding:.5rem .75rem;border:2px solid #595959;border-radius:8px;width:100%;max-width:32rem;background:#fff;color:#1a1a1a}
        .input--short{max-width:10rem}.input--medium{max-width:18rem}.input--long{max-width:100%}
        input[type=file]{font:inherit;min-height:44px}
        [aria-invalid=true]{border-color:#c00 !important;border-width:3px !important}
        .button{display:inline-flex;align-items:center;justify-content:center;min-height:44px;min-width:44px;padding:.5rem 1.5rem;border-radius:8px;border:2px solid #0031d8;background:#fff;color:#0031d8;font:inherit;font-weight:700;cursor:pointer;text-decoration:none}
        .button--primary,.button--primary:visited{background:#0031d8;color:#fff}
        .button--secondary{background:#fff;color:#0031d8}
        .actions{display:flex;gap:1rem;flex-wrap:wrap;margin:2rem 0}
        .field{margin:0 0 1.5rem}
        .fieldset{border:0;padding:0}
        .field__label{display:block;font-weight:700;margin-bottom:.25rem}
        .field__hint,.field__condition{margin:.25rem 0;color:#4d4d4d;font-size:.9375rem}
        .field__error{margin:.25rem 0;color:#c00;font-weight:700}
        .field--error{border-left:4px solid #c00;padding-left:1rem}
        .field__parts{display:flex;gap:1rem;flex-wrap:wrap}
        .part__label{display:block}
        .field__unit{margin-left:.5rem}
        .marker{font-size:.875rem;font-weight:700;color:#4d4d4d;margin-left:.25rem}
        .marker--required{color:#c00}
        .choices{display:flex;flex-direction:column;gap:.25rem}
        .choice{display:flex;align-items:center;gap:.5rem;min-height:44px}
        .choice input{width:1.5rem;height:1.5rem;margin:0}
        .choice label{cursor:pointer;padding:.25rem 0}
        .group{border:2px solid #767676;border-radius:8px;padding:1rem;margin:0 0 1.5rem}
        .group__legend{font-weight:700;font-size:1.125rem;padding:0 .5rem}
        .group__item{border:1px solid #767676;border-radius:8px;padding:1rem;margin:1rem 0}
        .group__item-legend{font-weight:700;padding:0 .5rem}
        .error-summary{border:4px solid #c00;border-radius:8px;padding:1rem 1.5rem;margin:1rem 0 2rem}
        .error-summary h2{margin-top:0;color:#c00}
        .error-summary a{color:#c00;font-weight:700}
        .progress{display:flex;flex-wrap:wrap;gap:.5rem;padding:0;list-style:none;margin:1rem 0;font-size:.875rem}
        .progress li{padding:.25rem .75rem;border:1px solid #767676;border-radius:999px}
        .progress li.current{background:#0031d8;color:#fff;border-color:#0031d8;font-weight:700}
        .category-list,.procedure-list,.service-links{padding-left:1.25rem}
        .category-list li,.procedure-list li,.service-links li{margin:.5rem 0;min-height:44px}
        .procedure-list .meta{display:block;color:#4d4d4d;font-size:.875rem}
        .facts,.receipt{display:grid;grid-template-columns:max-content 1fr;gap:.5rem 1.5rem}
        .facts dt,.receipt dt{font-weight:700}
        .facts dd,.receipt dd{margin:0}
        .code{font-family:ui-monospace,monospace;font-size:1.5rem;font-weight:700;letter-spacing:.05em}
        .notice{border-left:4px solid #0031d8;padding:.5rem 1rem;background:#f1f5ff}
        .tag{display:inline-block;font-size:.875rem;border:1px solid #4d4d4d;border-radius:4px;padding:0 .5rem}
        .tag--required{border-color:#c00;color:#c00;font-weight:700}
        .review{border-top:1px solid #767676;margin-top:1.5rem}
        .review__list{display:grid;grid-template-columns:minmax(8rem,max-content) 1fr;gap:.5rem 1.5rem}
        .review__list dt{font-weight:700}.review__list dd{margin:0}
        .review__group{grid-column:1 / -1}
        .history{padding-left:1.25rem}
        .main--wide{max-width:80rem}
        .site-header--staff{background:#1a1a1a}
        .site-header--staff .site-header__inner{max-width:80rem}
        .staff-nav{max-width:80rem;margin:0 auto;padding:0 1rem 1rem;display:flex;flex-wrap:wrap;gap:.5rem 1.5rem;align-items:center}
        .staff-nav ul{display:flex;flex-wrap:wrap;gap:.5rem 1.5rem;list-style:none;margin:0;padding:0}
        .staff-nav a,.staff-nav a:visited{color:#fff;display:inline-flex;min-height:44px;align-items:center}
        .staff-nav__who{margin:0;color:#fff}
        .inline-form{display:inline}
        .staff-nav .button--secondary{background:#fff;color:#1a1a1a;border-color:#fff}
        .status-counts{display:flex;flex-wrap:wrap;gap:.5rem 1rem;list-style:none;padding:0}
        .status-counts a{display:inline-flex;min-height:44px;align-items:center;padding:0 .75rem;border:1px solid #767676;border-radius:8px}
        .inbox-filters{display:grid;grid-template-columns:repeat(auto-fill,minmax(16rem,1fr));gap:0 1.5rem;align-items:end}
        .inbox-filters .actions{grid-column:1 / -1;margin:1rem 0}
        .table-wrap{overflow-x:auto}
        .inbox-table{border-collapse:collapse;width:100%;font-size:.9375rem}
        .inbox-table th,.inbox-table td{border-bottom:1px solid #767676;padding:.5rem;text-align:left;vertical-align:top}
        .inbox-table a{display:inline-flex;min-height:44px;align-items:center}
        .overdue{color:#c00;font-weight:700}
        .work-actions{border:2px solid #0031d8;border-radius:8px;padding:0 1rem 1rem;margin:1.5rem 0}
        .action-form{border-top:1px solid #767676;padding-top:1rem;margin-top:1rem}
        .notes{list-style:none;padding:0}
        .notes li{border-left:4px solid #767676;padding-left:1rem;margin:1rem 0}
        .note__meta,.history__reason{color:#4d4d4d;font-size:.9375rem;margin:0}
        .qr svg{width:14rem;height:14rem}
        [hidden]{display:none !important}
        @media print{.site-header,.site-footer,.language-switch,.print-hint,.staff-nav,.work-actions{display:none}}
        """
}
